-- The audit log: one entry per operator action, append-only and hash-chained (docs/audit.md).
-- hash = SHA-256 of the entry's canonical serialisation, which includes prev_hash (the previous
-- entry's hash) and commune_prev_hash (the previous entry of the same commune), so that the whole
-- log and each commune's share of it are chains that anyone holding a copy can re-verify.
CREATE TABLE audit_entry (
    seq                bigint      PRIMARY KEY CHECK (seq > 0),
    -- canonical format version of the entry (what its hash was computed over)
    v                  smallint    NOT NULL,
    recorded_at        timestamptz NOT NULL,
    actor              text        NOT NULL,
    action             text        NOT NULL,
    target_type        text        NOT NULL,
    target_id          text        NOT NULL,
    -- NULL for a syndicate-wide action
    commune            text,
    -- stored exactly as the canonical JSON that was hashed; SQL NULL stands for JSON null
    before             jsonb,
    after              jsonb,
    prev_hash          text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    commune_prev_hash  text        CHECK (commune_prev_hash ~ '^[0-9a-f]{64}$'),
    hash               text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    CHECK ((commune IS NULL) = (commune_prev_hash IS NULL))
);

CREATE INDEX audit_entry_commune_idx ON audit_entry (commune, seq);
CREATE INDEX audit_entry_action_idx ON audit_entry (action, seq);
CREATE INDEX audit_entry_recorded_at_idx ON audit_entry (recorded_at);

-- Append-only: no statement may change or remove entries, whatever the application does. Only a
-- superuser or the table's owner can disable this, and the hash chain then shows what was done.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_entry refused', TG_OP
        USING HINT = 'entries are only ever inserted; see docs/audit.md';
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- One chain, without gaps: a new entry must be the next number and name the current heads as its
-- predecessors. Appenders serialise on one transaction-scoped advisory lock (the application takes
-- it before reading the heads; taking it here again is free and also serialises hand-written
-- inserts). In READ COMMITTED each statement of this function sees what committed before the lock.
CREATE FUNCTION audit_entry_check_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    genesis      CONSTANT text := repeat('0', 64);
    head_seq     bigint;
    head_hash    text;
    commune_head text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('mutualis'), hashtext('audit_entry'));
    SELECT seq, hash INTO head_seq, head_hash FROM audit_entry ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1 THEN
        RAISE EXCEPTION 'audit entry #% refused: the next entry of the log is #%', NEW.seq, coalesce(head_seq, 0) + 1;
    END IF;
    IF NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, genesis) THEN
        RAISE EXCEPTION 'audit entry #% refused: its prev_hash is not the hash of entry #%', NEW.seq, coalesce(head_seq, 0);
    END IF;
    IF NEW.commune IS NOT NULL THEN
        SELECT hash INTO commune_head FROM audit_entry WHERE commune = NEW.commune ORDER BY seq DESC LIMIT 1;
        IF NEW.commune_prev_hash IS DISTINCT FROM coalesce(commune_head, genesis) THEN
            RAISE EXCEPTION 'audit entry #% refused: its commune_prev_hash is not the hash of the latest entry of commune %',
                NEW.seq, NEW.commune;
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_chained
    BEFORE INSERT ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_check_append();
