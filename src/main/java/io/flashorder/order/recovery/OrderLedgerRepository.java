package io.flashorder.order.recovery;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.OrderStock;
import io.flashorder.order.OrderPayloads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the {@link OrderLedger} in one read-only REPEATABLE READ transaction, so the orders read one by one and
 * the ones summed in bulk come from the same moment. Sold means decided and not "cancelled without payment".
 */
@ApplicationScoped
public class OrderLedgerRepository {

    private static final String VERDICT = """
            CASE WHEN o.status = 'PENDING_PAYMENT' THEN 'HELD'
                 WHEN o.cancelled_at IS NOT NULL AND o.paid_at IS NULL THEN 'RELEASED'
                 ELSE 'SOLD' END""";

    private static final String UNSETTLED = """
            SELECT o.id, o.buyer_id, o.campaign_id, o.coupon_ids::text AS coupon_ids, o.payment_deadline, o.stock_slot,
                   %s AS verdict, l.sku_id, a.warehouse_id, sum(a.quantity)::int AS units
            FROM customer_order o JOIN merchant_order mo ON mo.order_id = o.id
                JOIN order_line l ON l.merchant_order_id = mo.id JOIN order_line_allocation a ON a.line_id = l.id
            WHERE o.stock_settled_at IS NULL
            GROUP BY o.id, l.sku_id, a.warehouse_id
            ORDER BY o.id, l.sku_id, a.warehouse_id""".formatted(VERDICT);

    private static final String VERDICTS = """
            SELECT o.id, %s AS verdict FROM customer_order o
            WHERE o.id = ANY($1) AND o.stock_settled_at IS NOT NULL""".formatted(VERDICT);

    /**
     * Units an after-sale case put back into stock (applied in Redis) are no longer sold; an exchange's replacement
     * units (taken in Redis before their row was written, in its transaction) are.
     */
    private static final String SETTLED_SOLD = """
            SELECT stock_slot, sku_id, warehouse_id, sum(units)::int8 AS units FROM (
                SELECT o.stock_slot::int AS stock_slot, l.sku_id, a.warehouse_id, a.quantity AS units
                FROM customer_order o JOIN order_line l ON l.order_id = o.id
                    JOIN order_line_allocation a ON a.line_id = l.id
                WHERE o.stock_settled_at IS NOT NULL AND o.status <> 'PENDING_PAYMENT'
                  AND NOT (o.cancelled_at IS NOT NULL AND o.paid_at IS NULL)
                UNION ALL
                SELECT 0, r.sku_id, r.warehouse_id, -r.quantity FROM after_sale_stock_return r
                    JOIN after_sale_case c ON c.id = r.case_id JOIN customer_order co ON co.id = c.order_id
                WHERE r.applied_at IS NOT NULL AND co.stock_slot = 0
                UNION ALL
                SELECT 0, sku_id, warehouse_id, quantity FROM after_sale_exchange_unit
            ) units GROUP BY stock_slot, sku_id, warehouse_id""";

    /**
     * Units after-sales returned of orders a stock bucket's slot sold: they came back into {@code {p}} as loaded
     * stock (lua/return_stock.lua), the bucket's sale stays sold.
     */
    private static final String RETURNED_FROM_BUCKETS = """
            SELECT r.sku_id, r.warehouse_id, sum(r.quantity)::int8 AS units FROM after_sale_stock_return r
                JOIN after_sale_case c ON c.id = r.case_id JOIN customer_order co ON co.id = c.order_id
            WHERE r.applied_at IS NOT NULL AND co.stock_slot <> 0 GROUP BY r.sku_id, r.warehouse_id""";

    /** Returns whose Redis step may have run while PostgreSQL does not know yet (applied_at is set after it). */
    private static final String PENDING_RETURNS = """
            SELECT r.case_id, r.sku_id, r.warehouse_id, co.stock_slot <> 0 AS sold_in_bucket,
                   sum(r.quantity)::int8 AS units
            FROM after_sale_stock_return r
                JOIN after_sale_case c ON c.id = r.case_id JOIN customer_order co ON co.id = c.order_id
            WHERE r.applied_at IS NULL GROUP BY r.case_id, r.sku_id, r.warehouse_id, co.stock_slot""";

    private static final String SETTLED_CAMPAIGN_SOLD = """
            SELECT o.stock_slot::int AS stock_slot, o.campaign_id, l.sku_id, o.buyer_id, sum(l.quantity)::int8 AS units
            FROM customer_order o JOIN order_line l ON l.order_id = o.id
            WHERE o.campaign_id IS NOT NULL AND o.stock_settled_at IS NOT NULL AND o.status <> 'PENDING_PAYMENT'
              AND NOT (o.cancelled_at IS NOT NULL AND o.paid_at IS NULL)
            GROUP BY o.stock_slot, o.campaign_id, l.sku_id, o.buyer_id""";

    private final Pool pool;
    private final OrderPayloads payloads;

    public OrderLedgerRepository(Pool pool, OrderPayloads payloads) {
        this.pool = pool;
        this.payloads = payloads;
    }

    /** The ledger, with the verdicts of {@code alsoAsked} that PostgreSQL has settled (the unsettled are in it). */
    public Uni<OrderLedger> read(Collection<UUID> alsoAsked) {
        return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .chain(() -> unsettled(tx))
                .chain(unsettled -> verdicts(tx, alsoAsked)
                        .chain(verdicts -> sold(tx)
                                .chain(sold -> campaignSold(tx)
                                        .chain(campaignSold -> returnedFromBuckets(tx)
                                                .chain(fromBuckets -> pendingReturns(tx).map(returns ->
                                                        new OrderLedger(unsettled, verdicts, sold, campaignSold,
                                                                fromBuckets, returns))))))));
    }

    private Uni<Map<UUID, OrderLedger.Order>> unsettled(SqlClient tx) {
        return tx.query(UNSETTLED).execute().map(rows -> {
            Map<UUID, List<Row>> byOrder = new LinkedHashMap<>();
            rows.forEach(row -> byOrder.computeIfAbsent(row.getUUID("id"), id -> new ArrayList<>()).add(row));
            Map<UUID, OrderLedger.Order> orders = new LinkedHashMap<>();
            byOrder.forEach((id, orderRows) -> orders.put(id, order(id, orderRows)));
            return orders;
        });
    }

    private OrderLedger.Order order(UUID id, List<Row> rows) {
        Row first = rows.get(0);
        Map<UUID, Integer> unitsBySku = new LinkedHashMap<>();
        List<OrderStock.Share> shares = new ArrayList<>();
        for (Row row : rows) {
            UUID sku = row.getUUID("sku_id");
            int units = row.getInteger("units");
            unitsBySku.merge(sku, units, Integer::sum);
            shares.add(new OrderStock.Share(sku, row.getUUID("warehouse_id"), units));
        }
        OrderStock stock = new OrderStock(OrderSlot.of(first.getShort("stock_slot")), id, first.getString("buyer_id"), first.getUUID("campaign_id"),
                unitsBySku.entrySet().stream().map(e -> new OrderStock.Units(e.getKey(), e.getValue())).toList(),
                List.copyOf(shares), payloads.strings(first.getString("coupon_ids")));
        return new OrderLedger.Order(stock, OrderLedger.Verdict.valueOf(first.getString("verdict")),
                first.getOffsetDateTime("payment_deadline").toInstant());
    }

    private Uni<Map<UUID, OrderLedger.Verdict>> verdicts(SqlClient tx, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery(VERDICTS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, OrderLedger.Verdict> verdicts = new HashMap<>();
            rows.forEach(row -> verdicts.put(row.getUUID("id"), OrderLedger.Verdict.valueOf(row.getString("verdict"))));
            return verdicts;
        });
    }

    private Uni<List<OrderLedger.SoldUnits>> sold(SqlClient tx) {
        return tx.query(SETTLED_SOLD).execute().map(rows -> {
            List<OrderLedger.SoldUnits> sold = new ArrayList<>();
            rows.forEach(row -> sold.add(new OrderLedger.SoldUnits(OrderSlot.of(row.getInteger("stock_slot")),
                    row.getUUID("sku_id"), row.getUUID("warehouse_id"), row.getLong("units"))));
            return sold;
        });
    }

    private Uni<List<OrderLedger.SoldUnits>> returnedFromBuckets(SqlClient tx) {
        return tx.query(RETURNED_FROM_BUCKETS).execute().map(rows -> {
            List<OrderLedger.SoldUnits> returned = new ArrayList<>();
            rows.forEach(row -> returned.add(new OrderLedger.SoldUnits(OrderSlot.HOME, row.getUUID("sku_id"),
                    row.getUUID("warehouse_id"), row.getLong("units"))));
            return returned;
        });
    }

    private Uni<List<OrderLedger.PendingReturn>> pendingReturns(SqlClient tx) {
        return tx.query(PENDING_RETURNS).execute().map(rows -> {
            List<OrderLedger.PendingReturn> returns = new ArrayList<>();
            rows.forEach(row -> returns.add(new OrderLedger.PendingReturn(row.getUUID("case_id"),
                    row.getUUID("sku_id"), row.getUUID("warehouse_id"), row.getLong("units"),
                    row.getBoolean("sold_in_bucket"))));
            return returns;
        });
    }

    private Uni<List<OrderLedger.CampaignSoldUnits>> campaignSold(SqlClient tx) {
        return tx.query(SETTLED_CAMPAIGN_SOLD).execute().map(rows -> {
            List<OrderLedger.CampaignSoldUnits> sold = new ArrayList<>();
            rows.forEach(row -> sold.add(new OrderLedger.CampaignSoldUnits(OrderSlot.of(row.getInteger("stock_slot")),
                    row.getUUID("campaign_id"),
                    row.getUUID("sku_id"), row.getString("buyer_id"), row.getLong("units"))));
            return sold;
        });
    }
}
