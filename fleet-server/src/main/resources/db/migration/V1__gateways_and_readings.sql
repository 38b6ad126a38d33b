-- Gateways as the fleet knows them: registered on their first birth message, with presence.
CREATE TABLE gateway (
    id                  text        PRIMARY KEY,
    commune             text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('ONLINE', 'OFFLINE')),
    -- the MQTT session announced by the latest birth; a death naming another session is stale
    session             text,
    -- the latest session reported dead, so that a late duplicate birth cannot revive it
    dead_session        text,
    status_reason       text,
    status_changed_at   timestamptz NOT NULL,
    first_seen_at       timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    software            jsonb,
    last_health         jsonb,
    last_health_at      timestamptz,
    reading_count       bigint      NOT NULL DEFAULT 0,
    last_reading_at     timestamptz
);

CREATE INDEX gateway_commune_idx ON gateway (commune);

-- Every reading once: (gateway_id, seq) is the idempotency key chosen by the gateway.
CREATE TABLE reading (
    gateway_id   text        NOT NULL REFERENCES gateway (id),
    seq          bigint      NOT NULL CHECK (seq > 0),
    -- when the gateway received the frame; never changes, however late it arrives here
    received_at  timestamptz NOT NULL,
    stored_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    late         boolean     NOT NULL,
    priority     text        NOT NULL CHECK (priority IN ('ALARM', 'NORMAL', 'BULK')),
    payload      bytea       NOT NULL,
    radio        jsonb,
    PRIMARY KEY (gateway_id, seq)
);
