-- order_line_by_order: an index insert and a WAL record per placed line (issue 18) for lookups that
-- order_line_by_merchant_order serves as well: an order's lines are those of its merchant orders
-- (merchant_order_by_order, then order_line_by_merchant_order; an order has a handful of each). The statements that
-- read lines by their order now go through merchant_order (OrderRepository, OrderLifecycleRepository,
-- OrderLedgerRepository#UNSETTLED); the ledger's sums over all settled orders join whole tables either way.
DROP INDEX order_line_by_order;
