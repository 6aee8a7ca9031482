package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;
import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Guarded transitions: {@code UPDATE ... WHERE status = :expected}, version bumped, history recorded, inside the
 * caller's transaction. Of two actors racing (payment vs. timeout, buyer vs. merchant) exactly one sees its update
 * count as 1; the other gets false and answers 409 or leaves the order alone.
 */
@ApplicationScoped
public class OrderTransitions {

    /** Who moved an order: "buyer:<id>", "merchant:<id>", "system:<job>", "provider:<name>". */
    public record Actor(String name) {
        public static Actor buyer(String userId) {
            return new Actor("buyer:" + userId);
        }

        public static Actor merchant(UUID merchantId) {
            return new Actor("merchant:" + merchantId);
        }

        public static Actor system(String job) {
            return new Actor("system:" + job);
        }

        public static Actor provider(String provider) {
            return new Actor("provider:" + provider);
        }
    }

    /**
     * Moves the order and all its merchant orders that are in the same status. Emits true when this call won.
     * {@code timestampColumn} (e.g. "paid_at", may be null) of customer_order is set to {@code at}.
     */
    public Uni<Boolean> moveOrder(SqlConnection tx, UUID orderId, OrderStatus from, OrderEvent event, Actor actor,
                                  String reason, Instant at, String timestampColumn) {
        OrderStatus to = target(from, event);
        String stamp = timestampColumn == null ? "" : ", " + checkedColumn(timestampColumn) + " = $4";
        return tx.preparedQuery("UPDATE customer_order SET status = $2, version = version + 1, updated_at = $4" + stamp
                        + " WHERE id = $1 AND status = $3")
                .execute(Tuple.of(orderId, to.name(), from.name(), at.atOffset(ZoneOffset.UTC)))
                .chain(updated -> {
                    if (updated.rowCount() != 1) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("UPDATE merchant_order SET status = $2, version = version + 1, updated_at = $4"
                                    + " WHERE order_id = $1 AND status = $3")
                            .execute(Tuple.of(orderId, to.name(), from.name(), at.atOffset(ZoneOffset.UTC)))
                            .chain(() -> record(tx, orderId, null, from, to, actor, reason, at))
                            .replaceWith(true);
                });
    }

    /** Moves one merchant order alone (e.g. it shipped). Emits true when this call won. */
    public Uni<Boolean> moveMerchantOrder(SqlConnection tx, UUID orderId, UUID merchantOrderId, OrderStatus from,
                                          OrderEvent event, Actor actor, String reason, Instant at,
                                          String timestampColumn) {
        OrderStatus to = target(from, event);
        String stamp = timestampColumn == null ? "" : ", " + checkedColumn(timestampColumn) + " = $4";
        return tx.preparedQuery("UPDATE merchant_order SET status = $2, version = version + 1, updated_at = $4" + stamp
                        + " WHERE id = $1 AND status = $3 AND order_id = $5")
                .execute(Tuple.of(merchantOrderId, to.name(), from.name(), at.atOffset(ZoneOffset.UTC), orderId))
                .chain(updated -> updated.rowCount() != 1 ? Uni.createFrom().item(false)
                        : record(tx, orderId, merchantOrderId, from, to, actor, reason, at).replaceWith(true));
    }

    /** A history entry that leaves the status as it is (e.g. the buyer changed the shipping address). */
    public Uni<Void> recordUnchanged(SqlConnection tx, UUID orderId, UUID merchantOrderId, OrderStatus status,
                                     Actor actor, String reason, Instant at) {
        return record(tx, orderId, merchantOrderId, status, status, actor, reason, at);
    }

    private static OrderStatus target(OrderStatus from, OrderEvent event) {
        return OrderStateMachine.next(from, event).orElseThrow(() ->
                new IllegalTransitionException(from, event));
    }

    /** Records in the order's history a decision that does not move it (e.g. a risk review's hold or verdict). */
    public Uni<Void> note(SqlConnection tx, UUID orderId, OrderStatus status, Actor actor, String reason, Instant at) {
        return record(tx, orderId, null, status, status, actor, reason, at);
    }

    private static Uni<Void> record(SqlConnection tx, UUID orderId, UUID merchantOrderId, OrderStatus from,
                                    OrderStatus to, Actor actor, String reason, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO order_transition (id, order_id, merchant_order_id, from_status, to_status, actor, reason, at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] {Ids.newId(), orderId, merchantOrderId, from.name(), to.name(),
                        actor.name(), reason, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Column names are code, never input; this keeps it that way. */
    private static String checkedColumn(String column) {
        if (!column.matches("[a-z_]+_at")) {
            throw new IllegalArgumentException("Not a timestamp column: " + column);
        }
        return column;
    }
}
