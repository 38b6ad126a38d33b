-- Remote configuration (issue 7): layered desired configuration, each gateway's versions,
-- what gateways report, and pushes with their progress. Specified in docs/operator-guide.md.

-- A configuration layer: the syndicate's defaults, a commune's, a tag's, one gateway's
-- overrides (applied in that order, each overriding the previous per property).
-- components: {"<pid>": {"<property>": <JSON value, or null to remove it>}}
CREATE TABLE config_layer (
    kind        text        NOT NULL CHECK (kind IN ('SYNDICATE', 'COMMUNE', 'TAG', 'GATEWAY')),
    scope       text        NOT NULL,   -- '' for SYNDICATE, an INSEE code, a tag, a gateway id
    revision    bigint      NOT NULL,
    components  jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    PRIMARY KEY (kind, scope)
);

-- Every revision of every layer, kept for diffs and to say who changed what.
CREATE TABLE config_layer_revision (
    kind        text        NOT NULL,
    scope       text        NOT NULL,
    revision    bigint      NOT NULL,
    components  jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text        NOT NULL,
    PRIMARY KEY (kind, scope, revision)
);

-- The gateways' desired versions are numbered from one sequence, so a version only goes up
-- (the gateway ignores a version older than one it has seen).
CREATE SEQUENCE config_version_seq;

-- Every desired configuration computed for a gateway (its effective configuration at that version).
CREATE TABLE gateway_config_version (
    gateway_id  text        NOT NULL REFERENCES gateway (id),
    version     bigint      NOT NULL,
    components  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (gateway_id, version)
);

-- Schemas as gateways report them, stored once per distinct content (most gateways run the same software).
CREATE TABLE config_schema (
    digest      text        PRIMARY KEY,   -- SHA-256 of the components' schemas as JSON
    components  jsonb       NOT NULL,      -- [ReportedComponent without values]
    first_seen  timestamptz NOT NULL
);

-- Desired and reported configuration of each gateway.
CREATE TABLE gateway_config (
    gateway_id        text        PRIMARY KEY REFERENCES gateway (id),
    desired_version   bigint,                -- null: nothing desired yet (the installer's configuration)
    published_version bigint,                -- the latest version the broker took (retained)
    applied_version   bigint      NOT NULL DEFAULT 0,
    attempted_version bigint      NOT NULL DEFAULT 0,
    outcome           text        NOT NULL DEFAULT 'NONE',
    error             text,
    reported_values   jsonb,                 -- {"<pid>": {"<property>": value}}
    schema_digest     text        REFERENCES config_schema (digest),
    value_drift       integer     NOT NULL DEFAULT 0,  -- desired properties whose reported value differs
    reported_at       timestamptz
);

CREATE INDEX gateway_config_unpublished_idx ON gateway_config (gateway_id)
    WHERE desired_version > coalesce(published_version, 0);

-- A change of a layer, and the gateways whose desired configuration it changed (with the version).
CREATE TABLE config_push (
    id          uuid        PRIMARY KEY,
    kind        text        NOT NULL,
    scope       text        NOT NULL,
    revision    bigint      NOT NULL,
    commune     text,                        -- for a commune layer, or a gateway layer's commune
    actor       text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE config_push_gateway (
    push_id     uuid        NOT NULL REFERENCES config_push (id),
    gateway_id  text        NOT NULL REFERENCES gateway (id),
    version     bigint      NOT NULL,
    PRIMARY KEY (push_id, gateway_id)
);
