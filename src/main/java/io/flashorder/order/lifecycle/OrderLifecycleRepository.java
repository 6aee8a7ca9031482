package io.flashorder.order.lifecycle;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.OrderStock;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The lifecycle's queries: lock an order, claim due work for the timers, read what an order reserved. */
@ApplicationScoped
public class OrderLifecycleRepository {

    private static final String FACTS = """
            SELECT id, buyer_id, status, payment_method, currency, payable, campaign_id, coupon_ids::text AS coupon_ids,
                   paid_at, cancelled_at, stock_settled_at, stock_slot
            FROM customer_order WHERE id = $1""";
    private static final String PARTS = "SELECT id, merchant_id, payable FROM merchant_order WHERE order_id = $1 ORDER BY id";
    private static final String UNITS = """
            SELECT sku_id, sum(quantity)::int AS quantity FROM order_line
            WHERE merchant_order_id IN (SELECT id FROM merchant_order WHERE order_id = $1)
            GROUP BY sku_id ORDER BY sku_id""";
    private static final String SHARES = """
            SELECT l.sku_id, a.warehouse_id, sum(a.quantity)::int AS quantity
            FROM order_line_allocation a JOIN order_line l ON l.id = a.line_id
                JOIN merchant_order mo ON mo.id = l.merchant_order_id
            WHERE mo.order_id = $1 GROUP BY l.sku_id, a.warehouse_id ORDER BY l.sku_id, a.warehouse_id""";

    private final OrderPayloads payloads;

    public OrderLifecycleRepository(OrderPayloads payloads) {
        this.payloads = payloads;
    }

    /** The order, its row locked until the transaction ends (other actors wait, then see the new status). */
    public Uni<Optional<OrderFacts>> lock(SqlClient tx, UUID orderId) {
        return facts(tx, orderId, FACTS + " FOR UPDATE");
    }

    public Uni<Optional<OrderFacts>> read(SqlClient client, UUID orderId) {
        return facts(client, orderId, FACTS);
    }

    private Uni<Optional<OrderFacts>> facts(SqlClient client, UUID orderId, String sql) {
        return client.preparedQuery(sql).execute(Tuple.of(orderId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<OrderFacts>empty());
            }
            Row row = rows.iterator().next();
            return client.preparedQuery(PARTS).execute(Tuple.of(orderId)).map(parts -> {
                List<OrderFacts.Part> merchantOrders = new ArrayList<>();
                parts.forEach(part -> merchantOrders.add(new OrderFacts.Part(part.getUUID("id"),
                        part.getUUID("merchant_id"), part.getLong("payable"))));
                return Optional.of(new OrderFacts(row.getUUID("id"), row.getString("buyer_id"),
                        OrderStatus.valueOf(row.getString("status")),
                        PaymentMethod.valueOf(row.getString("payment_method")), row.getString("currency"),
                        row.getLong("payable"), row.getUUID("campaign_id"), payloads.strings(row.getString("coupon_ids")),
                        List.copyOf(merchantOrders), instant(row, "paid_at"), instant(row, "cancelled_at"),
                        instant(row, "stock_settled_at"), OrderSlot.of(row.getShort("stock_slot"))));
            });
        });
    }

    /** What the order reserved in Redis, from its lines and allocation rows. */
    public Uni<OrderStock> stock(SqlClient client, OrderFacts order) {
        Tuple id = Tuple.of(order.id());
        return client.preparedQuery(UNITS).execute(id).chain(units -> client.preparedQuery(SHARES).execute(id)
                .map(shares -> {
                    Map<UUID, Integer> bySku = new LinkedHashMap<>();
                    units.forEach(row -> bySku.put(row.getUUID("sku_id"), row.getInteger("quantity")));
                    List<OrderStock.Share> allocations = new ArrayList<>();
                    shares.forEach(row -> allocations.add(new OrderStock.Share(row.getUUID("sku_id"),
                            row.getUUID("warehouse_id"), row.getInteger("quantity"))));
                    return new OrderStock(order.stockSlot(), order.id(), order.buyerId(), order.campaignId(),
                            bySku.entrySet().stream().map(e -> new OrderStock.Units(e.getKey(), e.getValue())).toList(),
                            List.copyOf(allocations), order.couponIds());
                }));
    }

    /**
     * ONLINE orders past their payment deadline, claimed (skipping rows another pod holds) until commit. A pending
     * order's stock is never settled: saying so lets PostgreSQL walk the unsettled orders' deadline index (V70).
     */
    public Uni<List<UUID>> claimExpired(SqlClient tx, Instant now, int limit) {
        return ids(tx, """
                SELECT id FROM customer_order
                WHERE status = 'PENDING_PAYMENT' AND payment_method = 'ONLINE' AND payment_deadline <= $1
                  AND stock_settled_at IS NULL
                ORDER BY payment_deadline LIMIT $2 FOR UPDATE SKIP LOCKED""", Tuple.of(utc(now), limit));
    }

    /** COD orders waiting for their confirmation, claimed like the expired ones. */
    public Uni<List<UUID>> claimCodPending(SqlClient tx, int limit) {
        return ids(tx, """
                SELECT id FROM customer_order WHERE status = 'PENDING_PAYMENT' AND payment_method = 'COD'
                ORDER BY placed_at LIMIT $1 FOR UPDATE SKIP LOCKED""", Tuple.of(limit));
    }

    /**
     * Orders whose fate PostgreSQL decided at or before {@code before} while Redis never heard of it (a crash or a
     * Redis failure between the commit and the script).
     */
    public Uni<List<UUID>> claimUnsettled(SqlClient tx, Instant before, int limit) {
        return ids(tx, """
                SELECT id FROM customer_order
                WHERE stock_settled_at IS NULL AND status <> 'PENDING_PAYMENT' AND updated_at <= $1
                ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED""", Tuple.of(utc(before), limit));
    }

    public Uni<Void> markSettled(SqlClient client, UUID orderId, Instant at) {
        return client.preparedQuery("UPDATE customer_order SET stock_settled_at = $2 WHERE id = $1 AND stock_settled_at IS NULL")
                .execute(Tuple.of(orderId, utc(at))).replaceWithVoid();
    }

    public Uni<Void> markPaymentDueOnDelivery(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("UPDATE customer_order SET payment_due_on_delivery = true WHERE id = $1")
                .execute(Tuple.of(orderId)).replaceWithVoid();
    }

    /** The recorded transitions of an order, oldest first. */
    public Uni<List<TransitionView>> history(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                        SELECT from_status, to_status, actor, reason, at, merchant_order_id FROM order_transition
                        WHERE order_id = $1 ORDER BY at, id""")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<TransitionView> transitions = new ArrayList<>();
                    rows.forEach(row -> transitions.add(new TransitionView(OrderStatus.valueOf(row.getString("from_status")),
                            OrderStatus.valueOf(row.getString("to_status")), row.getString("actor"),
                            row.getString("reason"), instant(row, "at"), row.getUUID("merchant_order_id"))));
                    return List.copyOf(transitions);
                });
    }

    private static Uni<List<UUID>> ids(SqlClient tx, String sql, Tuple params) {
        return tx.preparedQuery(sql).execute(params).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return List.copyOf(ids);
        });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
