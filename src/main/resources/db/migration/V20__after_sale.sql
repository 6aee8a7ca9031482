-- After-sales (issue 10): cases over some lines and quantities of a merchant order, their history, the units they
-- put back into stock and their refunds. Every transition of a case is a guarded update (status and version) with a
-- history row, like the order's (io.flashorder.aftersale.AfterSaleStateMachine holds the table).

CREATE TABLE after_sale_case (
    id                  uuid PRIMARY KEY,
    order_id            uuid         NOT NULL REFERENCES customer_order (id),
    merchant_order_id   uuid         NOT NULL REFERENCES merchant_order (id),
    merchant_id         uuid         NOT NULL,
    buyer_id            text         NOT NULL,
    type                varchar(16)  NOT NULL CHECK (type IN ('REFUND_ONLY', 'RETURN_REFUND', 'EXCHANGE')),
    status              varchar(32)  NOT NULL CHECK (status IN ('PENDING_REVIEW', 'REJECTED', 'IN_ARBITRATION',
                            'AWAITING_RETURN', 'RETURN_RECEIVED', 'PENDING_REFUND', 'EXCHANGE_SHIPPING', 'SUCCEEDED',
                            'CANCELLED', 'CLOSED')),
    reason_code         varchar(32)  NOT NULL,
    description         text         NOT NULL CHECK (char_length(description) <= 500),
    evidence_urls       jsonb        NOT NULL DEFAULT '[]',
    -- What this case gives back when it succeeds: its lines' shares of what was paid, plus shipping when it
    -- refunds the whole merchant order before shipment (io.flashorder.aftersale.RefundAllocation).
    goods_refund        bigint       NOT NULL CHECK (goods_refund >= 0),
    shipping_refund     bigint       NOT NULL CHECK (shipping_refund >= 0),
    currency            varchar(3)   NOT NULL,
    -- Opened before the merchant order shipped: a refund-only case is then approved at once and frees the units.
    before_shipment     boolean      NOT NULL,
    disputed            boolean      NOT NULL DEFAULT false,
    decision_reason     text,
    return_carrier      varchar(64),
    return_tracking     varchar(64),
    return_shipped_at   timestamptz,
    version             bigint       NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    ended_at            timestamptz
);
-- A buyer's cases and a merchant's cases by state, newest first (keyset on the time-ordered id).
CREATE INDEX after_sale_case_by_buyer ON after_sale_case (buyer_id, id);
CREATE INDEX after_sale_case_by_merchant ON after_sale_case (merchant_id, status, id);
CREATE INDEX after_sale_case_by_merchant_order ON after_sale_case (merchant_order_id);

-- The lines a case covers. "open" is true while the case is open: at most one open case per line (the partial
-- unique index is the last guard under races; the service checks first under the merchant order's lock).
CREATE TABLE after_sale_case_line (
    case_id        uuid    NOT NULL REFERENCES after_sale_case (id),
    line_id        uuid    NOT NULL REFERENCES order_line (id),
    sku_id         uuid    NOT NULL,
    quantity       integer NOT NULL CHECK (quantity > 0),
    refund_amount  bigint  NOT NULL CHECK (refund_amount >= 0),
    open           boolean NOT NULL,
    PRIMARY KEY (case_id, line_id)
);
CREATE UNIQUE INDEX after_sale_one_open_case_per_line ON after_sale_case_line (line_id) WHERE open;
CREATE INDEX after_sale_case_line_by_line ON after_sale_case_line (line_id);

CREATE TABLE after_sale_transition (
    id           uuid PRIMARY KEY,
    case_id      uuid         NOT NULL REFERENCES after_sale_case (id),
    event        varchar(32)  NOT NULL,
    from_status  varchar(32)  NOT NULL,
    to_status    varchar(32)  NOT NULL,
    actor        varchar(255) NOT NULL,
    reason       text,
    at           timestamptz  NOT NULL
);
CREATE INDEX after_sale_transition_by_case ON after_sale_transition (case_id, id);

-- Units a case put back into a warehouse's available stock (refund-only before shipment, restocked returns).
-- Redis is moved by an idempotent script keyed by the case (marker stock:{p}:returned:<caseId>); applied_at is set
-- once it ran. The reconciliation counts applied returns as units no longer sold (loaded = available + held + sold
-- stays true: sold is what is still sold).
CREATE TABLE after_sale_stock_return (
    case_id       uuid        NOT NULL REFERENCES after_sale_case (id),
    line_id       uuid        NOT NULL REFERENCES order_line (id),
    sku_id        uuid        NOT NULL,
    warehouse_id  uuid        NOT NULL,
    quantity      integer     NOT NULL CHECK (quantity > 0),
    created_at    timestamptz NOT NULL,
    applied_at    timestamptz,
    PRIMARY KEY (case_id, line_id, warehouse_id)
);
CREATE INDEX after_sale_stock_return_unapplied ON after_sale_stock_return (created_at) WHERE applied_at IS NULL;

-- The money a case gives back: one refund per case, online through the payment provider (asynchronous, confirmed
-- by its signed callback, retried with back-off when it fails) or recorded by the merchant as paid offline (COD).
CREATE TABLE after_sale_refund (
    id                  uuid PRIMARY KEY,
    case_id             uuid         NOT NULL UNIQUE REFERENCES after_sale_case (id),
    order_id            uuid         NOT NULL REFERENCES customer_order (id),
    merchant_id         uuid         NOT NULL,
    amount              bigint       NOT NULL CHECK (amount >= 0),
    currency            varchar(3)   NOT NULL,
    method              varchar(16)  NOT NULL CHECK (method IN ('ONLINE', 'OFFLINE')),
    status              varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider            varchar(32),
    provider_refund_id  varchar(128),
    attempts            integer      NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    last_error          text,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    succeeded_at        timestamptz
);
CREATE UNIQUE INDEX after_sale_refund_by_provider_id ON after_sale_refund (provider, provider_refund_id)
    WHERE provider_refund_id IS NOT NULL;
CREATE INDEX after_sale_refund_due ON after_sale_refund (next_attempt_at) WHERE status = 'PENDING';
