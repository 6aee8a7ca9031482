-- The order lifecycle: every transition is recorded, and every event leaves through an outbox written in the same
-- transaction as the change it reports (a relay publishes it afterwards).

ALTER TABLE customer_order
    ADD COLUMN paid_at       timestamptz,
    ADD COLUMN cancelled_at  timestamptz,
    ADD COLUMN completed_at  timestamptz;

ALTER TABLE merchant_order
    ADD COLUMN shipped_at             timestamptz,
    ADD COLUMN completed_at           timestamptz,
    ADD COLUMN after_sales_closes_at  timestamptz;

-- From, to, who and why, for the order and, when one merchant order moved alone, for that merchant order.
CREATE TABLE order_transition (
    id                 uuid PRIMARY KEY,
    order_id           uuid         NOT NULL REFERENCES customer_order (id),
    merchant_order_id  uuid REFERENCES merchant_order (id),
    from_status        varchar(32)  NOT NULL,
    to_status          varchar(32)  NOT NULL,
    actor              varchar(255) NOT NULL,
    reason             text,
    at                 timestamptz  NOT NULL
);
CREATE INDEX order_transition_by_order ON order_transition (order_id, id);

CREATE TABLE outbox_event (
    id            uuid PRIMARY KEY,
    type          varchar(64) NOT NULL,
    order_id      uuid,
    merchant_id   uuid,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (created_at, id) WHERE published_at IS NULL;
