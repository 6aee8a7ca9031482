-- Merchants may decide the reviews of their own orders when the platform allows it (flashorder.review.merchant-
-- decisions): each review keeps the merchant of each of its merchant orders, position by position with
-- merchant_order_ids, so a merchant's queue and its tenancy check need no other feature's table.
ALTER TABLE order_review ADD COLUMN merchant_ids uuid[];
UPDATE order_review r SET merchant_ids = ARRAY(
    SELECT mo.merchant_id FROM unnest(r.merchant_order_ids) WITH ORDINALITY AS held (id, position)
    JOIN merchant_order mo ON mo.id = held.id ORDER BY held.position);
ALTER TABLE order_review ALTER COLUMN merchant_ids SET NOT NULL;
CREATE INDEX order_review_by_merchant ON order_review USING gin (merchant_ids);
