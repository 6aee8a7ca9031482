-- Payments, their signed provider callbacks and refunds; and the bookkeeping that keeps Redis in step with the
-- lifecycle (V6 is reserved for fulfilment).

-- When Redis last reflected this order's outcome: its units sold (paid, COD, late payment) or given back
-- (cancelled). NULL while the order is pending, and after a transition whose Redis step has not run yet (a crash
-- between the PostgreSQL commit and the script): the settlement timer finds those and runs the script again (each
-- script is idempotent, keyed by order id).
ALTER TABLE customer_order
    ADD COLUMN stock_settled_at         timestamptz,
    ADD COLUMN payment_due_on_delivery  boolean NOT NULL DEFAULT false;
CREATE INDEX customer_order_unsettled ON customer_order (updated_at)
    WHERE stock_settled_at IS NULL AND status <> 'PENDING_PAYMENT';
-- Cash-on-delivery orders waiting to be confirmed for shipment.
CREATE INDEX customer_order_cod_pending ON customer_order (placed_at)
    WHERE status = 'PENDING_PAYMENT' AND payment_method = 'COD';

-- One payment session opened with a provider for an order's payable amount.
CREATE TABLE payment (
    id                       uuid PRIMARY KEY,
    order_id                 uuid         NOT NULL REFERENCES customer_order (id),
    buyer_id                 text         NOT NULL,
    provider                 varchar(32)  NOT NULL,
    session_id               varchar(128) NOT NULL,
    pay_url                  text         NOT NULL,
    amount                   bigint       NOT NULL CHECK (amount >= 0),
    currency                 varchar(3)   NOT NULL,
    status                   varchar(16)  NOT NULL CHECK (status IN ('OPEN', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
    provider_transaction_id  varchar(128),
    failure_reason           text,
    expires_at               timestamptz  NOT NULL,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    UNIQUE (provider, session_id)
);
CREATE INDEX payment_by_order ON payment (order_id, id);

-- Every callback applied, once per provider transaction (the unique key makes a second delivery a no-op), with
-- what it did: PAID, FAILURE_RECORDED, FAILURE_IGNORED (the order was already settled), LATE_PENDING (a late
-- payment being handled), LATE_REVIVED, LATE_REFUNDED, DUPLICATE_REFUNDED (a second payment of a paid order).
CREATE TABLE payment_callback (
    provider        varchar(32)  NOT NULL,
    transaction_id  varchar(128) NOT NULL,
    payment_id      uuid         NOT NULL REFERENCES payment (id),
    order_id        uuid         NOT NULL REFERENCES customer_order (id),
    result          varchar(16)  NOT NULL CHECK (result IN ('SUCCEEDED', 'FAILED')),
    amount          bigint       NOT NULL,
    currency        varchar(3)   NOT NULL,
    outcome         varchar(32)  NOT NULL,
    detail          text,
    signed_at       timestamptz  NOT NULL,
    received_at     timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    PRIMARY KEY (provider, transaction_id)
);
CREATE INDEX payment_callback_by_order ON payment_callback (order_id);

-- Refunds made by the service itself (late payment without stock, a second payment of a paid order).
CREATE TABLE payment_refund (
    id                  uuid PRIMARY KEY,
    payment_id          uuid         NOT NULL UNIQUE REFERENCES payment (id),
    order_id            uuid         NOT NULL REFERENCES customer_order (id),
    provider            varchar(32)  NOT NULL,
    provider_refund_id  varchar(128) NOT NULL,
    amount              bigint       NOT NULL,
    currency            varchar(3)   NOT NULL,
    reason              text         NOT NULL,
    created_at          timestamptz  NOT NULL
);

-- Signatures already accepted, so a captured callback sent again is refused as a replay. Rows older than the
-- timestamp tolerance are useless (the timestamp check refuses them) and are purged by the deadline timer.
CREATE TABLE payment_webhook_signature (
    provider     varchar(32)  NOT NULL,
    signature    varchar(128) NOT NULL,
    received_at  timestamptz  NOT NULL,
    PRIMARY KEY (provider, signature)
);
CREATE INDEX payment_webhook_signature_by_age ON payment_webhook_signature (received_at);
