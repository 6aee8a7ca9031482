package io.flashorder.order.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A merchant order's own clocks (auto-confirm of receipt, end of the after-sales window) stand still while it is in
 * AFTER_SALE: entering records when, leaving moves both deadlines on by the time spent there, so the buyer keeps
 * the time it had left when the case opened. Inside the caller's transaction.
 */
@ApplicationScoped
public class MerchantOrderTimers {

    private static final String PAUSE = """
            UPDATE merchant_order SET timers_paused_at = $2 WHERE id = $1 AND timers_paused_at IS NULL""";
    private static final String RESUME = """
            UPDATE merchant_order
            SET auto_confirm_at = auto_confirm_at + ($2 - timers_paused_at),
                after_sales_closes_at = after_sales_closes_at + ($2 - timers_paused_at),
                timers_paused_at = NULL
            WHERE id = $1 AND timers_paused_at IS NOT NULL""";

    public Uni<Void> pause(SqlConnection tx, UUID merchantOrderId, Instant at) {
        return tx.preparedQuery(PAUSE).execute(Tuple.of(merchantOrderId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> resume(SqlConnection tx, UUID merchantOrderId, Instant at) {
        return tx.preparedQuery(RESUME).execute(Tuple.of(merchantOrderId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
