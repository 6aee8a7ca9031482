package io.flashorder.order.query;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The member points orders spend, for the points feature: an order's points are its applied rule of kind POINTS,
 * whose ruleId is the number of points spent (the pricing engine's convention). Read on the caller's connection.
 */
@ApplicationScoped
public class OrderPointsQueries {

    private static final String SPENT = """
            SELECT coalesce(sum((r ->> 'ruleId')::bigint), 0) AS points
            FROM customer_order co, jsonb_array_elements(co.applied_rules) r
            WHERE co.id = $1 AND r ->> 'kind' = 'POINTS'""";
    private static final String PENDING = """
            SELECT co.id, (r ->> 'ruleId')::bigint AS points
            FROM customer_order co, jsonb_array_elements(co.applied_rules) r
            WHERE co.buyer_id = $1 AND co.status = 'PENDING_PAYMENT' AND r ->> 'kind' = 'POINTS'""";

    /** Points one order spends. */
    public record OrderPoints(UUID orderId, long points) {
    }

    /** The points the order spends (0 for an order without points, or one PostgreSQL does not have). */
    public Uni<Long> spentBy(SqlClient client, UUID orderId) {
        return client.preparedQuery(SPENT).execute(Tuple.of(orderId)).map(rows -> rows.iterator().next().getLong("points"));
    }

    /** The buyer's orders waiting for payment that spend points. */
    public Uni<List<OrderPoints>> pendingOf(SqlClient client, String buyerId) {
        return client.preparedQuery(PENDING).execute(Tuple.of(buyerId)).map(rows -> {
            List<OrderPoints> pending = new ArrayList<>();
            rows.forEach(row -> pending.add(new OrderPoints(row.getUUID("id"), row.getLong("points"))));
            return pending;
        });
    }
}
