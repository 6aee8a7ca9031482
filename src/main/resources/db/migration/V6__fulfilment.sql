-- Fulfilment: shipping hand-off, receipt (by the buyer or automatically), per-merchant settings.
-- (V5 is reserved for payments.)

-- One hand-off per merchant order: the merchant gives the parcel to a carrier once; the merchant order then waits
-- for receipt. merchant_id is kept here so a merchant's shipments are found without joining its orders.
CREATE TABLE shipment (
    id                 uuid PRIMARY KEY,
    merchant_order_id  uuid        NOT NULL UNIQUE REFERENCES merchant_order (id),
    order_id           uuid        NOT NULL REFERENCES customer_order (id),
    merchant_id        uuid        NOT NULL,
    carrier            varchar(64) NOT NULL,
    tracking_number    varchar(64) NOT NULL,
    shipped_at         timestamptz NOT NULL
);

-- When receipt is confirmed automatically: shipped_at + the merchant's auto-confirm days, fixed at shipping time so
-- a later change of the setting never moves a parcel already on its way.
ALTER TABLE merchant_order ADD COLUMN auto_confirm_at timestamptz;
-- The auto-confirm sweep reads only merchant orders still waiting for receipt, oldest deadline first.
CREATE INDEX merchant_order_auto_confirm ON merchant_order (auto_confirm_at) WHERE status = 'AWAITING_RECEIPT';
-- A merchant's orders whatever their status, newest first (keyset on the time-ordered id).
CREATE INDEX merchant_order_by_merchant ON merchant_order (merchant_id, id);

-- A merchant's own settings; NULL means "the platform default" (flashorder.merchant-defaults.*), so changing a
-- default reaches every merchant that never chose otherwise. The webhook secret is encrypted like PII.
CREATE TABLE merchant_settings (
    merchant_id               uuid PRIMARY KEY,
    payment_timeout_seconds   integer CHECK (payment_timeout_seconds BETWEEN 60 AND 86400),
    auto_confirm_days         integer CHECK (auto_confirm_days BETWEEN 1 AND 60),
    after_sales_days          integer CHECK (after_sales_days BETWEEN 0 AND 90),
    webhook_url               text,
    webhook_secret_encrypted  text,
    version                   bigint      NOT NULL DEFAULT 0,
    updated_at                timestamptz NOT NULL
);
