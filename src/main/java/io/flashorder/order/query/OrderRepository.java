package io.flashorder.order.query;

import io.flashorder.order.Allocation;
import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.StoredOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads an order back from its four tables (a hot query: clients poll it right after placing). */
@ApplicationScoped
public class OrderRepository {

    private static final String ORDER = """
            SELECT id, buyer_id, status, payment_method, campaign_id, currency, subtotal, discount_total,
                   shipping_total, payable, recipient_encrypted, phone_encrypted, region_code, detail_encrypted,
                   buyer_note, coupon_ids::text AS coupon_ids, applied_rules::text AS applied_rules, placed_at,
                   payment_deadline, device_hash
            FROM customer_order WHERE id = $1""";
    private static final String MERCHANT_ORDERS = """
            SELECT mo.id, mo.merchant_id, mo.subtotal, mo.discount_total, mo.shipping_fee, mo.payable, mo.status,
                   mo.shipped_at, mo.auto_confirm_at, mo.completed_at, mo.after_sales_closes_at,
                   s.carrier, s.tracking_number
            FROM merchant_order mo LEFT JOIN shipment s ON s.merchant_order_id = mo.id
            WHERE mo.order_id = $1 ORDER BY mo.id""";
    private static final String LINES = """
            SELECT id, merchant_order_id, sku_id, title, quantity, list_unit_price, unit_price, subtotal,
                   discount_total, payable, discounts::text AS discounts
            FROM order_line WHERE merchant_order_id IN (SELECT id FROM merchant_order WHERE order_id = $1)
            ORDER BY id""";
    private static final String ALLOCATIONS = """
            SELECT l.sku_id, a.warehouse_id, a.quantity
            FROM order_line_allocation a JOIN order_line l ON l.id = a.line_id
                JOIN merchant_order mo ON mo.id = l.merchant_order_id
            WHERE mo.order_id = $1 ORDER BY l.id, a.warehouse_id""";

    /** What notices need of many orders at once (event consumers read a batch of events' orders). */
    private static final String HEADERS = """
            SELECT o.id, o.buyer_id, o.phone_encrypted, o.currency, o.payable, o.payment_method, o.payment_deadline,
                   (SELECT mo.id FROM merchant_order mo WHERE mo.order_id = o.id ORDER BY mo.id LIMIT 1)
                       AS first_merchant_order_id
            FROM customer_order o WHERE o.id = ANY($1)""";

    private final Pool pool;
    private final OrderPayloads payloads;
    private final Clock clock;

    public OrderRepository(Pool pool, OrderPayloads payloads, Clock clock) {
        this.pool = pool;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** The order with its merchant orders, lines and allocations; empty if PostgreSQL does not have it (yet). */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<StoredOrder>> find(UUID orderId) {
        return pool.withConnection(connection -> find(connection, orderId));
    }

    /** The same, on the caller's connection (inside its transaction: no second connection taken from the pool). */
    public Uni<Optional<StoredOrder>> find(SqlConnection connection, UUID orderId) {
        return connection.preparedQuery(ORDER).execute(Tuple.of(orderId)).chain(orders -> {
            if (orders.size() == 0) {
                return Uni.createFrom().item(Optional.<StoredOrder>empty());
            }
            return readParts(connection, orderId, orders.iterator().next()).map(Optional::of);
        });
    }

    /**
     * The headers of the orders PostgreSQL has among {@code orderIds}, by id, in one statement whatever their number;
     * an order it does not have (yet) is absent from the map.
     */
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<Map<UUID, OrderHeader>> headers(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(HEADERS).execute(Tuple.of(orderIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, OrderHeader> found = new LinkedHashMap<>();
            for (Row row : rows) {
                found.put(row.getUUID("id"), new OrderHeader(row.getUUID("id"), row.getString("buyer_id"),
                        row.getString("phone_encrypted"), row.getString("currency"), row.getLong("payable"),
                        PaymentMethod.valueOf(row.getString("payment_method")),
                        row.getOffsetDateTime("payment_deadline").toInstant(), row.getUUID("first_merchant_order_id")));
            }
            return found;
        });
    }

    /** The buyer's paid orders, leaving out {@code orderId} itself. */
    public Uni<BuyerStats> buyerStats(SqlClient client, String buyerId, UUID orderId) {
        return client.preparedQuery("""
                        SELECT count(*) AS paid, coalesce(sum(payable), 0) AS paid_total
                        FROM customer_order WHERE buyer_id = $1 AND id <> $2 AND paid_at IS NOT NULL""")
                .execute(Tuple.of(buyerId, orderId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new BuyerStats(row.getLong("paid"), row.getLong("paid_total"));
                });
    }

    private Uni<StoredOrder> readParts(SqlConnection connection, UUID orderId, Row order) {
        Tuple id = Tuple.of(orderId);
        return connection.preparedQuery(MERCHANT_ORDERS).execute(id)
                .chain(parts -> connection.preparedQuery(LINES).execute(id)
                        .chain(lines -> connection.preparedQuery(ALLOCATIONS).execute(id)
                                .map(allocations -> assemble(order, parts, lines, allocations))));
    }

    private StoredOrder assemble(Row order, Iterable<Row> parts, Iterable<Row> lines, Iterable<Row> allocations) {
        Map<UUID, List<PlacedOrder.Line>> linesByPart = new LinkedHashMap<>();
        for (Row line : lines) {
            linesByPart.computeIfAbsent(line.getUUID("merchant_order_id"), part -> new ArrayList<>())
                    .add(new PlacedOrder.Line(line.getUUID("id"), line.getUUID("sku_id"), line.getString("title"),
                            line.getInteger("quantity"), line.getLong("list_unit_price"), line.getLong("unit_price"),
                            line.getLong("subtotal"), line.getLong("discount_total"), line.getLong("payable"),
                            payloads.rules(line.getString("discounts"))));
        }
        List<PlacedOrder.MerchantPart> merchantOrders = new ArrayList<>();
        Map<UUID, MerchantOrderProgress> progress = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Row part : parts) {
            progress.put(part.getUUID("id"), MerchantOrderProgress.read(part, now));
            UUID partId = part.getUUID("id");
            merchantOrders.add(new PlacedOrder.MerchantPart(partId, part.getUUID("merchant_id"), part.getLong("subtotal"),
                    part.getLong("discount_total"), part.getLong("shipping_fee"), part.getLong("payable"),
                    List.copyOf(linesByPart.getOrDefault(partId, List.of()))));
        }
        List<Allocation> shares = new ArrayList<>();
        for (Row allocation : allocations) {
            shares.add(new Allocation(allocation.getUUID("sku_id"), allocation.getUUID("warehouse_id"),
                    allocation.getInteger("quantity")));
        }
        PlacedOrder placed = new PlacedOrder(order.getUUID("id"), order.getString("buyer_id"),
                order.getUUID("campaign_id"), PaymentMethod.valueOf(order.getString("payment_method")),
                order.getString("currency"), order.getLong("subtotal"), order.getLong("discount_total"),
                order.getLong("shipping_total"), order.getLong("payable"),
                order.getOffsetDateTime("placed_at").toInstant(), order.getOffsetDateTime("payment_deadline").toInstant(),
                new PlacedOrder.Address(order.getString("recipient_encrypted"), order.getString("phone_encrypted"),
                        order.getString("region_code"), order.getString("detail_encrypted")),
                order.getString("buyer_note"), payloads.strings(order.getString("coupon_ids")),
                payloads.rules(order.getString("applied_rules")), List.copyOf(merchantOrders),
                order.getString("device_hash"));
        return new StoredOrder(placed, List.copyOf(shares), OrderStatus.valueOf(order.getString("status")),
                Map.copyOf(progress));
    }
}
