-- Downlinks queued by the fleet for a gateway's concentrator, and what became of each.
CREATE TABLE downlink (
    id            uuid        PRIMARY KEY,
    gateway_id    text        NOT NULL REFERENCES gateway (id),
    txpk          jsonb       NOT NULL,
    -- QUEUED (stored, not yet taken by the broker), PUBLISHED (broker acknowledged), then the
    -- gateway's verdict: a forwarder TX_ACK code (NONE = accepted for transmission) or its own.
    status        text        NOT NULL,
    detail        text,
    queued_at     timestamptz NOT NULL,
    published_at  timestamptz,
    result_at     timestamptz
);

CREATE INDEX downlink_gateway_idx ON downlink (gateway_id, queued_at DESC);
CREATE INDEX downlink_queued_idx ON downlink (queued_at) WHERE status = 'QUEUED';
