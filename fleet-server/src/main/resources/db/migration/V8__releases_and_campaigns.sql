-- Over-the-air updates (issue 8): signed releases and the campaigns that roll them out in waves.
-- Specified in docs/operator-guide.md ("Releases and campaigns") and docs/protocol.md (UpdateOrder).

-- The release (bundle set) each gateway announced in its latest birth; null for gateways older
-- than contract 2.3 or not seen since.
ALTER TABLE gateway ADD COLUMN release text;
ALTER TABLE gateway ADD COLUMN release_announced_at timestamptz;
CREATE INDEX gateway_release_idx ON gateway (release);

-- A signed deployment package, stored content-addressed (<sha256>.dp) in mutualis.releases.dir.
CREATE TABLE release (
    version      text        PRIMARY KEY,          -- DeploymentPackage-Version (OSGi syntax)
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size         bigint      NOT NULL CHECK (size > 0),
    signature    text        NOT NULL,             -- base64 Ed25519 over the package bytes
    key_id       text        NOT NULL,             -- SHA-256 of the verifying public key's encoding
    bundles      jsonb       NOT NULL,             -- [{"path", "symbolicName", "version"}]
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

-- A rollout of one release to a frozen list of gateways, wave by wave.
-- The release's digest, size and signature are copied so that an order never depends on a row
-- that could be deleted; a release cannot be deleted while a running or paused campaign uses it.
CREATE TABLE campaign (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL,
    release            text        NOT NULL,
    sha256             text        NOT NULL,
    size               bigint      NOT NULL,
    signature          text        NOT NULL,
    settings           jsonb       NOT NULL,       -- the request: waves, thresholds, windows, timeouts
    wave_count         integer     NOT NULL CHECK (wave_count > 0),
    state              text        NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'HALTED', 'CANCELLED', 'COMPLETED')),
    state_reason       text,
    current_wave       integer     NOT NULL DEFAULT 0,
    wave_started_at    timestamptz NOT NULL,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX campaign_active_idx ON campaign (state) WHERE state IN ('RUNNING', 'PAUSED');

-- One gateway of a campaign and where its update stands.
--   state: PENDING (no order yet), ORDERED (order published, no status yet), IN_PROGRESS (steps
--   received), CONFIRMING (SUCCEEDED received, waiting for a birth announcing the release),
--   final: SUCCEEDED, REFUSED, FAILED, REVERTED, TIMED_OUT, WITHDRAWN (order withdrawn before it started)
--   wanted_message / published_message: what the gateway's retained update topic should hold
--   (ORDER, WITHDRAWAL or NONE) and what the broker last took, so that a publication the broker
--   missed is made again.
CREATE TABLE campaign_target (
    campaign_id        uuid        NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    gateway_id         text        NOT NULL REFERENCES gateway (id),
    commune            text        NOT NULL,
    wave               integer     NOT NULL,
    state              text        NOT NULL CHECK (state IN ('PENDING', 'ORDERED', 'IN_PROGRESS', 'CONFIRMING',
                                       'SUCCEEDED', 'REFUSED', 'FAILED', 'REVERTED', 'TIMED_OUT', 'WITHDRAWN')),
    step               text,
    percent            integer,
    reason             text,
    running_release    text,
    ordered_at         timestamptz,
    issued_at          timestamptz,
    release_announced  boolean     NOT NULL DEFAULT false,
    updated_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    wanted_message     text        NOT NULL DEFAULT 'NONE' CHECK (wanted_message IN ('NONE', 'ORDER', 'WITHDRAWAL')),
    published_message  text        NOT NULL DEFAULT 'NONE' CHECK (published_message IN ('NONE', 'ORDER', 'WITHDRAWAL')),
    PRIMARY KEY (campaign_id, gateway_id)
);
CREATE INDEX campaign_target_gateway_idx ON campaign_target (gateway_id);
CREATE INDEX campaign_target_unpublished_idx ON campaign_target (campaign_id)
    WHERE wanted_message <> published_message;

-- Every status received for a target, and the fleet's own verdicts (timeouts, withdrawals), in order.
-- A status received twice (the gateway repeats its latest at each connection) is stored once.
CREATE TABLE campaign_target_event (
    id            bigserial   PRIMARY KEY,
    campaign_id   uuid        NOT NULL,
    gateway_id    text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    source        text        NOT NULL CHECK (source IN ('GATEWAY', 'FLEET')),
    step          text        NOT NULL,
    percent       integer,
    reason        text,
    running_release text,
    reported_at   timestamptz,
    FOREIGN KEY (campaign_id, gateway_id) REFERENCES campaign_target (campaign_id, gateway_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX campaign_target_event_once_idx ON campaign_target_event
    (campaign_id, gateway_id, step, coalesce(percent, -1), coalesce(reported_at, '-infinity'::timestamptz)) WHERE source = 'GATEWAY';
CREATE INDEX campaign_target_event_target_idx ON campaign_target_event (campaign_id, gateway_id, id);
