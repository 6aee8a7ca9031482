-- The order aggregate's own foreign keys go: merchant_order -> customer_order, order_line -> customer_order and
-- merchant_order, order_line_allocation -> order_line. Only the order writer inserts into these four tables
-- (io.flashorder.order.writer.OrderBatchRepository), a whole batch of orders in one transaction, every row of an
-- order built from that order's one payload, and nothing deletes from them or changes the ids they link by; so the
-- links hold by construction. Checking them cost PostgreSQL a lookup and a row lock per row (four per order, logged),
-- which measured 40-50 % of the writer's insert time (EXPLAIN ANALYZE of 1000 orders, issue 18). The keys of other
-- tables INTO the aggregate (payments, shipments, after-sales...) stay: those rows are written by other features.
ALTER TABLE merchant_order DROP CONSTRAINT merchant_order_order_id_fkey;
ALTER TABLE order_line DROP CONSTRAINT order_line_order_id_fkey;
ALTER TABLE order_line DROP CONSTRAINT order_line_merchant_order_id_fkey;
ALTER TABLE order_line_allocation DROP CONSTRAINT order_line_allocation_line_id_fkey;
