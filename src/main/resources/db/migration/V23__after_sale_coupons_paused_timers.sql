-- After-sales step 4: coupons given back by a full refund before shipment; merchant-order timers paused while a
-- case is open.

-- When the merchant order entered AFTER_SALE: its auto-confirm time and after-sales window end are moved on by the
-- time spent there when the last case ends (io.flashorder.order.lifecycle.MerchantOrderTimers). NULL: not paused.
ALTER TABLE merchant_order ADD COLUMN timers_paused_at timestamptz;

-- An order refunded in full before anything shipped gives its coupons back to the buyer, once. PostgreSQL records
-- that in the transaction that closes the order; the pricing feature's idempotent script (lua/return_coupons.lua)
-- makes them AVAILABLE in Redis after the commit (and the stock-return job again if that failed), applied_at then.
CREATE TABLE after_sale_coupon_return (
    order_id    uuid        PRIMARY KEY REFERENCES customer_order (id),
    coupon_ids  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    applied_at  timestamptz
);
CREATE INDEX after_sale_coupon_return_unapplied ON after_sale_coupon_return (created_at) WHERE applied_at IS NULL;
