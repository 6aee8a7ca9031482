package io.flashorder.order.query;

import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order lists, newest first: keyset on the time-ordered id ({@code id < cursor ORDER BY id DESC}), one row more
 * than the page to know whether another follows. Only PostgreSQL is read: an order appears in lists once the writer
 * has persisted it (normally well under a second after it was placed).
 */
@ApplicationScoped
public class OrderListRepository {

    /** Above every id, so "id < start" matches everything on the first page. */
    private static final UUID NEWEST = new UUID(-1L, -1L);

    private static final String BUYER_ORDERS = """
            SELECT id, status, payment_method, currency, subtotal, discount_total, shipping_total, payable, placed_at,
                   payment_deadline, completed_at
            FROM customer_order
            WHERE buyer_id = $1 AND ($2::varchar IS NULL OR status = $2) AND id < $3
            ORDER BY id DESC LIMIT $4""";
    private static final String MERCHANT_ORDERS_OF = """
            SELECT mo.id, mo.order_id, mo.merchant_id, mo.status, mo.payable, mo.shipped_at, mo.auto_confirm_at,
                   mo.completed_at, mo.after_sales_closes_at, s.carrier, s.tracking_number
            FROM merchant_order mo LEFT JOIN shipment s ON s.merchant_order_id = mo.id
            WHERE mo.order_id = ANY($1) ORDER BY mo.id""";
    private static final String MERCHANT_LIST = """
            SELECT mo.id, mo.order_id, mo.status, mo.subtotal, mo.discount_total, mo.shipping_fee, mo.payable,
                   mo.shipped_at, mo.auto_confirm_at, mo.completed_at, mo.after_sales_closes_at,
                   co.payment_method, co.currency, co.placed_at, co.recipient_encrypted, co.phone_encrypted,
                   co.region_code, co.detail_encrypted, co.buyer_note, s.carrier, s.tracking_number
            FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id
                LEFT JOIN shipment s ON s.merchant_order_id = mo.id
            WHERE mo.merchant_id = $1 AND ($2::varchar IS NULL OR mo.status = $2)
              AND ($3::timestamptz IS NULL OR co.placed_at >= $3) AND ($4::timestamptz IS NULL OR co.placed_at < $4)
              AND mo.id < $5
            ORDER BY mo.id DESC LIMIT $6""";
    private static final String LINES_OF = """
            SELECT merchant_order_id, sku_id, title, quantity, unit_price, payable
            FROM order_line WHERE merchant_order_id = ANY($1) ORDER BY id""";

    private final Pool pool;
    private final PiiCipher pii;
    private final Clock clock;

    public OrderListRepository(Pool pool, PiiCipher pii, Clock clock) {
        this.pool = pool;
        this.pii = pii;
        this.clock = clock;
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<List<OrderSummary>> buyerOrders(String buyerId, OrderListFilter filter, PageRequest page) {
        Instant now = clock.instant();
        return pool.withConnection(connection -> connection.preparedQuery(BUYER_ORDERS)
                .execute(Tuple.of(buyerId, filter.status().map(Enum::name).orElse(null),
                        page.after().orElse(NEWEST), page.fetchSize()))
                .chain(orders -> {
                    List<Row> rows = new ArrayList<>();
                    orders.forEach(rows::add);
                    return merchantOrdersOf(connection, rows.stream().map(r -> r.getUUID("id")).toList(), now)
                            .map(parts -> rows.stream().map(row -> summary(row, parts)).toList());
                }));
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<List<MerchantOrderView>> merchantOrders(UUID merchantId, OrderListFilter filter, PageRequest page) {
        Instant now = clock.instant();
        return pool.withConnection(connection -> connection.preparedQuery(MERCHANT_LIST)
                .execute(Tuple.from(new Object[] {merchantId, filter.status().map(Enum::name).orElse(null),
                        filter.from().map(OrderListRepository::utc).orElse(null),
                        filter.to().map(OrderListRepository::utc).orElse(null), page.after().orElse(NEWEST),
                        page.fetchSize()}))
                .chain(found -> {
                    List<Row> rows = new ArrayList<>();
                    found.forEach(rows::add);
                    return linesOf(connection, rows.stream().map(r -> r.getUUID("id")).toList())
                            .map(lines -> rows.stream().map(row -> merchantView(row, lines, now)).toList());
                }));
    }

    private Uni<Map<UUID, List<OrderSummary.MerchantOrderSummary>>> merchantOrdersOf(SqlConnection connection,
                                                                                     List<UUID> orderIds, Instant now) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery(MERCHANT_ORDERS_OF).execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<OrderSummary.MerchantOrderSummary>> byOrder = new HashMap<>();
                    for (Row row : rows) {
                        MerchantOrderProgress progress = MerchantOrderProgress.read(row, now);
                        byOrder.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>())
                                .add(new OrderSummary.MerchantOrderSummary(row.getUUID("id"),
                                        row.getUUID("merchant_id"), progress.status(), row.getLong("payable"),
                                        progress.shipment(), progress.autoConfirmAt(), progress.completedAt(),
                                        progress.afterSalesClosesAt(), progress.afterSalesOpen()));
                    }
                    return byOrder;
                });
    }

    private Uni<Map<UUID, List<MerchantOrderView.Line>>> linesOf(SqlConnection connection, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery(LINES_OF).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<MerchantOrderView.Line>> byMerchantOrder = new HashMap<>();
            for (Row row : rows) {
                byMerchantOrder.computeIfAbsent(row.getUUID("merchant_order_id"), id -> new ArrayList<>())
                        .add(new MerchantOrderView.Line(row.getUUID("sku_id"), row.getString("title"),
                                row.getInteger("quantity"), row.getLong("unit_price"), row.getLong("payable")));
            }
            return byMerchantOrder;
        });
    }

    private static OrderSummary summary(Row row, Map<UUID, List<OrderSummary.MerchantOrderSummary>> parts) {
        UUID id = row.getUUID("id");
        return new OrderSummary(id, OrderStatus.valueOf(row.getString("status")),
                PaymentMethod.valueOf(row.getString("payment_method")), row.getString("currency"),
                row.getLong("subtotal"), row.getLong("discount_total"), row.getLong("shipping_total"),
                row.getLong("payable"), row.getOffsetDateTime("placed_at").toInstant(),
                row.getOffsetDateTime("payment_deadline").toInstant(),
                MerchantOrderProgress.instant(row.getOffsetDateTime("completed_at")),
                List.copyOf(parts.getOrDefault(id, List.of())));
    }

    private MerchantOrderView merchantView(Row row, Map<UUID, List<MerchantOrderView.Line>> lines, Instant now) {
        MerchantOrderProgress progress = MerchantOrderProgress.read(row, now);
        // The street is what a merchant needs to ship, and only then; name and phone stay masked throughout.
        boolean toShip = progress.status() == OrderStatus.AWAITING_SHIPMENT;
        MerchantOrderView.ShipTo shipTo = new MerchantOrderView.ShipTo(
                PiiCipher.maskName(pii.decrypt(row.getString("recipient_encrypted"))),
                PiiCipher.maskPhone(pii.decrypt(row.getString("phone_encrypted"))), row.getString("region_code"),
                toShip ? pii.decrypt(row.getString("detail_encrypted")) : null);
        UUID id = row.getUUID("id");
        return new MerchantOrderView(id, row.getUUID("order_id"), progress.status(),
                PaymentMethod.valueOf(row.getString("payment_method")), row.getString("currency"),
                row.getLong("subtotal"), row.getLong("discount_total"), row.getLong("shipping_fee"),
                row.getLong("payable"), row.getOffsetDateTime("placed_at").toInstant(), shipTo,
                row.getString("buyer_note"), List.copyOf(lines.getOrDefault(id, List.of())), progress.shipment(),
                progress.autoConfirmAt(), progress.completedAt(), progress.afterSalesClosesAt(),
                progress.afterSalesOpen());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
