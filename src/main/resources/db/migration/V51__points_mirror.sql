-- The buyer's spendable points are mirrored in Redis (points:{p}:<buyerId>) so the checkout's reservation script can
-- hold them with the stock. The mirror carries the balance as of an account version; this is the last version the
-- mirror is known to have, so a job can bring up to date the mirrors a failed write left behind.
ALTER TABLE points_account ADD COLUMN mirrored_version bigint NOT NULL DEFAULT 0;
CREATE INDEX points_account_unmirrored ON points_account (updated_at) WHERE mirrored_version < version;
-- Spending is recorded once per order.
CREATE INDEX points_entry_by_order ON points_entry (order_id) WHERE order_id IS NOT NULL;
-- Goods refunded before the merchant order shipped give back, in proportion, the points spent on it.
ALTER TABLE points_refund ADD COLUMN before_shipment boolean NOT NULL DEFAULT false;
