-- Presence with a third state, its history, every health report, and alerts.

-- STALE: connected according to the latest birth, but silent for longer than the configured window.
ALTER TABLE gateway DROP CONSTRAINT gateway_status_check;
ALTER TABLE gateway ADD CONSTRAINT gateway_status_check CHECK (status IN ('ONLINE', 'STALE', 'OFFLINE'));

-- The stale sweep looks for silent online gateways; the alert sweep for long-offline ones.
CREATE INDEX gateway_online_last_seen_idx ON gateway (last_seen_at) WHERE status = 'ONLINE';
CREATE INDEX gateway_not_online_idx ON gateway (status, status_changed_at) WHERE status <> 'ONLINE';

-- Every MQTT session of a gateway the fleet has heard of, by its birth or its death. A birth of a
-- session already known is a duplicate or a late copy and never changes the presence; at most one
-- session per gateway is open (ended_at NULL): a new birth ends the previous one ('superseded').
-- No foreign key: a death can arrive before the gateway's first birth, and must still be remembered.
CREATE TABLE gateway_session (
    gateway_id     text        NOT NULL,
    session        text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    born_at        timestamptz,
    -- bundle symbolic name -> version, as announced by the birth
    software       jsonb,
    ended_at       timestamptz,
    end_reason     text,
    PRIMARY KEY (gateway_id, session)
);

CREATE INDEX gateway_session_ended_idx ON gateway_session (ended_at) WHERE ended_at IS NOT NULL;

-- Presence history: each change of status (and each new session), with when and why.
CREATE TABLE presence_transition (
    id           bigserial   PRIMARY KEY,
    gateway_id   text        NOT NULL REFERENCES gateway (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    -- NULL for the first state of a gateway
    from_status  text,
    to_status    text        NOT NULL,
    reason       text        NOT NULL,
    session      text
);

CREATE INDEX presence_transition_gateway_idx ON presence_transition (gateway_id, at DESC, id DESC);
CREATE INDEX presence_transition_at_idx ON presence_transition (at);

-- Every health report, reduced to the figures an operator follows over time. Narrow on purpose:
-- 10,000 gateways reporting every 30 s make close to 29 million rows a day. The complete latest
-- report stays in gateway.last_health.
CREATE TABLE health_report (
    id                        bigserial        PRIMARY KEY,
    gateway_id                text             NOT NULL REFERENCES gateway (id) ON DELETE CASCADE,
    session                   text,
    -- the gateway's clock (may be wrong on a device without RTC) and the fleet's
    reported_at               timestamptz,
    received_at               timestamptz      NOT NULL,
    uptime_seconds            bigint,
    cpu_percent               double precision,
    memory_used_bytes         double precision,
    memory_total_bytes        double precision,
    heap_used_bytes           double precision,
    heap_max_bytes            double precision,
    disk_free_bytes           double precision,
    disk_total_bytes          double precision,
    temperature_celsius       double precision,
    alarm_depth               bigint,
    alarm_oldest_age_seconds  double precision,
    normal_depth              bigint,
    normal_oldest_age_seconds double precision,
    bulk_depth                bigint,
    bulk_oldest_age_seconds   double precision,
    uplink_connected          boolean,
    uplink_connects           bigint,
    uplink_connection_losses  bigint
);

CREATE INDEX health_report_gateway_idx ON health_report (gateway_id, received_at DESC, id DESC);
CREATE INDEX health_report_received_idx ON health_report (received_at);

-- Alerts open and resolve themselves; one open alert per gateway and kind.
CREATE TABLE alert (
    id           bigserial   PRIMARY KEY,
    gateway_id   text        NOT NULL REFERENCES gateway (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('OFFLINE', 'STALE', 'BACKLOG', 'DISK_NEARLY_FULL')),
    -- for presence alerts, when the gateway entered the state: a new period is a new alert
    condition_since  timestamptz,
    opened_at    timestamptz NOT NULL,
    resolved_at  timestamptz,
    detail       text        NOT NULL
);

CREATE UNIQUE INDEX alert_one_open_idx ON alert (gateway_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX alert_gateway_idx ON alert (gateway_id, id DESC);
CREATE INDEX alert_resolved_idx ON alert (resolved_at) WHERE resolved_at IS NOT NULL;
