-- Fewer indexes written per placed order (issue 18: each is an index insert and a WAL record per row).
--
-- order_line_by_sku: no statement reads order_line by SKU (reconciliation and recovery reach lines through their
-- order: OrderLedgerRepository), yet every line was inserted into it.
DROP INDEX order_line_by_sku;

-- Two partial indexes every new order entered are folded into one. A PENDING_PAYMENT order's stock is never
-- settled (stock_settled_at is set only after it leaves PENDING_PAYMENT), so "unsettled" covers the pending
-- orders: the payment-timeout sweep (OrderLifecycleRepository#claimExpired, which says stock_settled_at IS NULL
-- so the planner may use this index) walks it by deadline, and recovery and reconciliation read every unsettled
-- order from it (OrderLedgerRepository).
CREATE INDEX customer_order_unsettled_by_deadline ON customer_order (payment_deadline) WHERE stock_settled_at IS NULL;
DROP INDEX customer_order_payment_deadline;
DROP INDEX customer_order_stock_unsettled;
