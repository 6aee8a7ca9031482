-- Orders as the writer persists them from the placed-orders stream (io.flashorder.order.OrderWriter).
-- Every id comes from the payload (UUIDv7 generated at placement), so writing the same order twice is a no-op
-- (INSERT ... ON CONFLICT DO NOTHING on each table). No foreign keys into the catalog: a feature reaches another
-- through its service, and an accepted order must be written even if a SKU was deleted since.
-- Personal data (recipient, phone, address detail) is stored exactly as the payload carries it: AES-GCM
-- ciphertexts from io.flashorder.security.PiiCipher. Free text is `text` so no payload is refused for its length.

CREATE TABLE customer_order (
    id                   uuid PRIMARY KEY,
    buyer_id             text        NOT NULL,
    status               varchar(32) NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'AWAITING_SHIPMENT',
                             'AWAITING_RECEIPT', 'COMPLETED', 'CANCELLED', 'AFTER_SALE', 'CLOSED')),
    payment_method       varchar(16) NOT NULL CHECK (payment_method IN ('ONLINE', 'COD')),
    campaign_id          uuid,
    currency             varchar(3)  NOT NULL,
    subtotal             bigint      NOT NULL,
    discount_total       bigint      NOT NULL,
    shipping_total       bigint      NOT NULL,
    payable              bigint      NOT NULL,
    recipient_encrypted  text        NOT NULL,
    phone_encrypted      text        NOT NULL,
    region_code          varchar(16) NOT NULL,
    detail_encrypted     text        NOT NULL,
    buyer_note           text,
    coupon_ids           jsonb       NOT NULL DEFAULT '[]',
    applied_rules        jsonb       NOT NULL DEFAULT '[]',
    placed_at            timestamptz NOT NULL,
    payment_deadline     timestamptz NOT NULL,
    version              bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
-- A buyer's orders, newest first, keyset-paginated on the time-ordered id.
CREATE INDEX customer_order_by_buyer ON customer_order (buyer_id, id);
-- The payment-deadline sweep looks only at orders still waiting for payment.
CREATE INDEX customer_order_payment_deadline ON customer_order (payment_deadline) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE merchant_order (
    id              uuid PRIMARY KEY,
    order_id        uuid        NOT NULL REFERENCES customer_order (id),
    merchant_id     uuid        NOT NULL,
    status          varchar(32) NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'AWAITING_SHIPMENT',
                        'AWAITING_RECEIPT', 'COMPLETED', 'CANCELLED', 'AFTER_SALE', 'CLOSED')),
    subtotal        bigint      NOT NULL,
    discount_total  bigint      NOT NULL,
    shipping_fee    bigint      NOT NULL,
    payable         bigint      NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX merchant_order_by_order ON merchant_order (order_id);
-- A merchant's orders by status (e.g. everything awaiting shipment), keyset-paginated on id.
CREATE INDEX merchant_order_by_merchant_status ON merchant_order (merchant_id, status, id);

CREATE TABLE order_line (
    id                 uuid PRIMARY KEY,
    order_id           uuid    NOT NULL REFERENCES customer_order (id),
    merchant_order_id  uuid    NOT NULL REFERENCES merchant_order (id),
    sku_id             uuid    NOT NULL,
    title              text    NOT NULL,
    quantity           integer NOT NULL CHECK (quantity > 0),
    list_unit_price    bigint  NOT NULL,
    unit_price         bigint  NOT NULL,
    subtotal           bigint  NOT NULL,
    discount_total     bigint  NOT NULL,
    payable            bigint  NOT NULL,
    discounts          jsonb   NOT NULL DEFAULT '[]'
);
CREATE INDEX order_line_by_order ON order_line (order_id);
CREATE INDEX order_line_by_merchant_order ON order_line (merchant_order_id);
-- The reconciliation sums sold units per SKU: an index-only scan with the quantity included.
CREATE INDEX order_line_by_sku ON order_line (sku_id) INCLUDE (quantity);

-- Where each line's units were reserved (a line may be split over several warehouses).
CREATE TABLE order_line_allocation (
    line_id       uuid    NOT NULL REFERENCES order_line (id),
    warehouse_id  uuid    NOT NULL,
    quantity      integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (line_id, warehouse_id)
);
