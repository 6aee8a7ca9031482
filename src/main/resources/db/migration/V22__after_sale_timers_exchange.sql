-- After-sales step 3: deadlines, the exchange's shipment, per-merchant after-sales timeouts.

-- The case's next deadline, set by each transition from its status (io.flashorder.aftersale.CaseDeadlines):
-- PENDING_REVIEW → auto-approve, AWAITING_RETURN → closed (not shipped back) or refunded (shipped back, not received),
-- EXCHANGE_SHIPPING → receipt confirmed, REJECTED → closed (not disputed). NULL: no deadline.
ALTER TABLE after_sale_case
    ADD COLUMN due_at               timestamptz,
    ADD COLUMN exchange_carrier     varchar(64),
    ADD COLUMN exchange_tracking    varchar(64),
    ADD COLUMN exchange_shipped_at  timestamptz;
CREATE INDEX after_sale_case_due ON after_sale_case (due_at) WHERE due_at IS NOT NULL;

-- A merchant's own after-sales timeouts; NULL means the platform default (flashorder.aftersale.*).
CREATE TABLE after_sale_settings (
    merchant_id          uuid PRIMARY KEY,
    review_hours         integer CHECK (review_hours BETWEEN 1 AND 720),
    return_days          integer CHECK (return_days BETWEEN 1 AND 60),
    receipt_days         integer CHECK (receipt_days BETWEEN 1 AND 60),
    exchange_confirm_days integer CHECK (exchange_confirm_days BETWEEN 1 AND 60),
    updated_at           timestamptz NOT NULL
);
-- The after-sales window sweep reads completed merchant orders whose window has ended.
CREATE INDEX merchant_order_after_sales_window ON merchant_order (after_sales_closes_at) WHERE status = 'COMPLETED';
