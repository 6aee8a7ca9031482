-- Logistics, the buyer changes the delivery address of a paid order until packing: one row per merchant order and
-- change, with its shipping fee re-priced for the new region. The difference to what was charged is recorded as
-- owed (by the buyer when positive, to the buyer when negative), never charged or refunded by the change itself;
-- merchant_order.shipping_fee keeps what was paid (refunds are allocated from it).
CREATE TABLE order_address_change (
    id                 uuid PRIMARY KEY,
    order_id           uuid         NOT NULL REFERENCES customer_order (id),
    merchant_order_id  uuid         NOT NULL REFERENCES merchant_order (id),
    merchant_id        uuid         NOT NULL,
    previous_region    varchar(16)  NOT NULL,
    new_region         varchar(16)  NOT NULL,
    charged_fee        bigint       NOT NULL CHECK (charged_fee >= 0),
    new_fee            bigint       NOT NULL CHECK (new_fee >= 0),
    difference         bigint       NOT NULL CHECK (difference = new_fee - charged_fee),
    currency           varchar(3)   NOT NULL,
    settlement         varchar(16)  NOT NULL CHECK (settlement IN ('NONE', 'OWED_BY_BUYER', 'OWED_TO_BUYER')),
    changed_by         varchar(255) NOT NULL,
    changed_at         timestamptz  NOT NULL
);
CREATE INDEX order_address_change_by_order ON order_address_change (order_id, id);
CREATE INDEX order_address_change_by_merchant ON order_address_change (merchant_id, id);
