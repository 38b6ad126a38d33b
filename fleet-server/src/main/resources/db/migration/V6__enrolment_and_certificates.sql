-- Enrolment tokens: single-use, expiring, bound to a commune (optionally a site and a gateway id).
-- Only a SHA-256 of the code is kept; the code itself is shown once, to whoever created it.
CREATE TABLE enrolment_token (
    id               uuid        PRIMARY KEY,
    code_hash        bytea       NOT NULL UNIQUE,
    commune          text        NOT NULL REFERENCES commune (code),
    site_id          uuid        REFERENCES site (id),
    gateway_id       text        CHECK (gateway_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    used_by_gateway  text,
    cancelled_at     timestamptz
);
CREATE INDEX enrolment_token_commune_idx ON enrolment_token (commune, created_at DESC);

-- Every certificate the CA issued to a gateway, with its revocation; the broker checks a
-- connecting gateway's certificate against this table, and the CRL is built from it.
CREATE TABLE gateway_certificate (
    serial             text        PRIMARY KEY,
    gateway_id         text        NOT NULL,
    commune            text        NOT NULL,
    fingerprint        text        NOT NULL,
    -- SHA-256 of the certified public key: a gateway that retries with the same key gets the same certificate
    public_key_sha256  text        NOT NULL,
    not_before         timestamptz NOT NULL,
    not_after          timestamptz NOT NULL,
    issued_at          timestamptz NOT NULL,
    enrolment_token    uuid        REFERENCES enrolment_token (id),
    revoked_at         timestamptz,
    revocation_reason  text,
    certificate_pem    text        NOT NULL
);
CREATE INDEX gateway_certificate_gateway_idx ON gateway_certificate (gateway_id);
CREATE INDEX gateway_certificate_revoked_idx ON gateway_certificate (revoked_at) WHERE revoked_at IS NOT NULL;
