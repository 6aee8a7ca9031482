package io.flashorder.fulfilment;

import io.flashorder.order.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the fulfilment steps, always inside the caller's transaction. Every step first locks the order row
 * ({@code customer_order ... FOR UPDATE}) before touching a merchant order: two merchant orders of one order that
 * ship or complete at the same time then run one after the other, so the last one always sees the others' change
 * and moves the order itself (no lost "last one" under READ COMMITTED).
 */
@ApplicationScoped
public class FulfilmentRepository {

    private static final String LOCK_ORDER_OF = """
            SELECT id FROM customer_order WHERE id = (SELECT order_id FROM merchant_order WHERE id = $1)
            FOR UPDATE""";
    /** Read in a statement of its own after the lock, so it sees what the previous lock holder committed. */
    private static final String READ_MERCHANT_ORDER = """
            SELECT mo.id, mo.order_id, mo.merchant_id, mo.status, co.buyer_id, co.status AS order_status
            FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id
            WHERE mo.id = $1""";
    private static final String COUNT_OPEN = """
            SELECT count(*) FILTER (WHERE status = 'AWAITING_SHIPMENT') AS waiting_shipment,
                   count(*) FILTER (WHERE status IN ('AWAITING_SHIPMENT', 'AWAITING_RECEIPT')) AS not_delivered
            FROM merchant_order WHERE order_id = $1""";
    private static final String INSERT_SHIPMENT = """
            INSERT INTO shipment (id, merchant_order_id, order_id, merchant_id, carrier, tracking_number, shipped_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String SET_AUTO_CONFIRM = "UPDATE merchant_order SET auto_confirm_at = $2 WHERE id = $1";
    private static final String SET_AFTER_SALES = "UPDATE merchant_order SET after_sales_closes_at = $2 WHERE id = $1";
    /** Due merchant orders and their orders, locked; rows another pod holds are skipped, never waited for. */
    private static final String CLAIM_DUE = """
            SELECT mo.id, mo.order_id, mo.merchant_id, mo.status, co.buyer_id, co.status AS order_status
            FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id
            WHERE mo.status = 'AWAITING_RECEIPT' AND mo.auto_confirm_at <= $1
            ORDER BY mo.auto_confirm_at LIMIT $2
            FOR UPDATE OF mo, co SKIP LOCKED""";

    /** The merchant order with its order row locked for this transaction; empty if there is no such id. */
    public Uni<Optional<MerchantOrderRef>> lock(SqlConnection tx, UUID merchantOrderId) {
        return tx.preparedQuery(LOCK_ORDER_OF).execute(Tuple.of(merchantOrderId))
                .chain(locked -> locked.size() == 0 ? Uni.createFrom().item(Optional.<MerchantOrderRef>empty())
                        : tx.preparedQuery(READ_MERCHANT_ORDER).execute(Tuple.of(merchantOrderId))
                        .map(rows -> Optional.of(toRef(rows.iterator().next()))));
    }

    /** How many of the order's merchant orders still wait for shipment, and how many are not delivered yet. */
    public Uni<OpenCounts> openCounts(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery(COUNT_OPEN).execute(Tuple.of(orderId)).map(rows -> {
            Row row = rows.iterator().next();
            return new OpenCounts(row.getLong("waiting_shipment"), row.getLong("not_delivered"));
        });
    }

    public Uni<Void> insertShipment(SqlConnection tx, UUID id, MerchantOrderRef ref, String carrier,
                                    String trackingNumber, Instant at) {
        return tx.preparedQuery(INSERT_SHIPMENT).execute(Tuple.from(new Object[] {id, ref.id(), ref.orderId(),
                ref.merchantId(), carrier, trackingNumber, at.atOffset(ZoneOffset.UTC)})).replaceWithVoid();
    }

    public Uni<Void> setAutoConfirmAt(SqlConnection tx, UUID merchantOrderId, Instant at) {
        return tx.preparedQuery(SET_AUTO_CONFIRM).execute(Tuple.of(merchantOrderId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> setAfterSalesClosesAt(SqlConnection tx, UUID merchantOrderId, Instant at) {
        return tx.preparedQuery(SET_AFTER_SALES).execute(Tuple.of(merchantOrderId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} merchant orders whose auto-confirm time has come, locked for this transaction. */
    public Uni<List<MerchantOrderRef>> claimDue(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery(CLAIM_DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit)).map(rows -> {
            List<MerchantOrderRef> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(toRef(row));
            }
            return due;
        });
    }

    private static MerchantOrderRef toRef(Row row) {
        return new MerchantOrderRef(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("merchant_id"),
                row.getString("buyer_id"), OrderStatus.valueOf(row.getString("status")),
                OrderStatus.valueOf(row.getString("order_status")));
    }

    public record OpenCounts(long waitingShipment, long notDelivered) {
    }
}
