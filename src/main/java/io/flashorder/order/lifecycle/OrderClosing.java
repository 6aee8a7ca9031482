package io.flashorder.order.lifecycle;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Closing (交易关闭), inside the caller's transaction with the order's row lock held: a merchant order closes with
 * its ORDER_CLOSED event (to its merchant), and the order follows once every one of its merchant orders is CLOSED
 * or CANCELLED, with one platform-wide ORDER_CLOSED of its own. The guarded moves make each happen once, however
 * many refunds or timers race for the last merchant order (they queue on the row lock).
 */
@ApplicationScoped
public class OrderClosing {

    private static final String ORDER_AND_OPEN_PARTS = """
            SELECT co.status,
                   (SELECT count(*) FROM merchant_order mo WHERE mo.order_id = co.id
                        AND mo.status NOT IN ('CLOSED', 'CANCELLED')) AS open_parts
            FROM customer_order co WHERE co.id = $1""";

    private final OrderTransitions transitions;
    private final Outbox outbox;

    public OrderClosing(OrderTransitions transitions, Outbox outbox) {
        this.transitions = transitions;
        this.outbox = outbox;
    }

    /**
     * Closes the merchant order ({@code from} by {@code event}) and then the order if nothing of it is open any more.
     * Emits true when the order itself closed now (false too when another actor moved the merchant order first).
     */
    public Uni<Boolean> closeMerchantOrder(SqlConnection tx, UUID orderId, UUID merchantOrderId, UUID merchantId,
                                           OrderStatus from, OrderEvent event, Actor actor, String reason,
                                           Instant now) {
        return transitions.moveMerchantOrder(tx, orderId, merchantOrderId, from, event, actor, reason, now, null)
                .chain(won -> !won ? Uni.createFrom().item(false)
                        : outbox.append(tx, EventType.ORDER_CLOSED, orderId, merchantId,
                                        new LifecycleEvents.OrderClosed(orderId, merchantOrderId, merchantId,
                                                OrderStatus.CLOSED.name(), reason, now), now)
                                .chain(() -> closeOrderIfDone(tx, orderId, actor, now)));
    }

    /** The order closes when every merchant order is CLOSED or CANCELLED (and it is not closed or cancelled). */
    private Uni<Boolean> closeOrderIfDone(SqlConnection tx, UUID orderId, Actor actor, Instant now) {
        return tx.preparedQuery(ORDER_AND_OPEN_PARTS).execute(Tuple.of(orderId)).chain(rows -> {
            Row row = rows.iterator().next();
            OrderStatus status = OrderStatus.valueOf(row.getString("status"));
            if (row.getLong("open_parts") > 0
                    || OrderStateMachine.next(status, OrderEvent.CLOSE_WITH_MERCHANT_ORDERS).isEmpty()) {
                return Uni.createFrom().item(false);
            }
            String reason = "every merchant order is closed";
            return transitions.moveOrder(tx, orderId, status, OrderEvent.CLOSE_WITH_MERCHANT_ORDERS, actor, reason,
                            now, null)
                    .call(won -> !won ? Uni.createFrom().voidItem()
                            : outbox.append(tx, EventType.ORDER_CLOSED, orderId, null,
                                    new LifecycleEvents.OrderClosed(orderId, null, null, OrderStatus.CLOSED.name(),
                                            reason, now), now).replaceWithVoid());
        });
    }
}
