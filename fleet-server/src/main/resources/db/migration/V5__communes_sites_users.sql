-- Tenancy: the syndicate operates communes (INSEE code), each with sites where gateways are installed.
CREATE TABLE commune (
    code        text        PRIMARY KEY CHECK (code ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
    name        text        NOT NULL,
    latitude    double precision,
    longitude   double precision,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site (
    id          uuid        PRIMARY KEY,
    commune     text        NOT NULL REFERENCES commune (code),
    name        text        NOT NULL,
    address     text,
    latitude    double precision,
    longitude   double precision,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commune, name)
);

-- Registry fields a technician or operator sets; presence and software come from the gateway itself.
ALTER TABLE gateway ADD COLUMN site_id  uuid REFERENCES site (id);
ALTER TABLE gateway ADD COLUMN eui      text;
ALTER TABLE gateway ADD COLUMN hardware text;
ALTER TABLE gateway ADD COLUMN tags     text[] NOT NULL DEFAULT '{}';

-- People. Passwords are Argon2id hashes (Spring Security's DelegatingPasswordEncoder format);
-- there is no default account: the first admin is created by the bootstrap command.
CREATE TABLE app_user (
    id             uuid        PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name   text,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR',
                                                        'FIELD_TECHNICIAN', 'COMMUNE_VIEWER')),
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The communes a technician or a commune viewer works in (syndicate roles see every commune).
CREATE TABLE user_commune (
    user_id  uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    commune  text NOT NULL,
    PRIMARY KEY (user_id, commune)
);

-- API tokens: only a SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_token (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    token_hash    bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
