-- merchant_order_by_merchant_status (merchant_id, status, id) was written for every placed merchant order (issue 18:
-- an index insert and a WAL record each) and served no statement: the merchant's order list
-- (OrderListRepository#MERCHANT_LIST) filters by an optional status, "($2 IS NULL OR mo.status = $2)", which a cached
-- generic plan cannot turn into an index condition, so it walks merchant_order_by_merchant (merchant_id, id)
-- backwards with the status as a filter, whichever index exists (measured with EXPLAIN ANALYZE on 300,000 merchant
-- orders after the statement's sixth execution).
DROP INDEX merchant_order_by_merchant_status;
