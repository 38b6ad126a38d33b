-- What gateways did on their own (issue 9): lighting switched by the local schedule, alarms raised
-- by local rules, overrides from the local console, reported after the fact (possibly days later,
-- after a backhaul cut). Stored once per (gateway, sequence): a batch sent again is harmless.
CREATE TABLE gateway_action (
    gateway_id  text        NOT NULL REFERENCES gateway (id) ON DELETE CASCADE,
    sequence    bigint      NOT NULL,
    acted_at    timestamptz NOT NULL,   -- by the gateway's clock
    kind        text        NOT NULL,
    subject     text        NOT NULL,
    details     jsonb       NOT NULL,
    received_at timestamptz NOT NULL,   -- by the fleet's clock: the gap is how long it waited to be told
    PRIMARY KEY (gateway_id, sequence)
);

CREATE INDEX gateway_action_by_time ON gateway_action (gateway_id, acted_at);
