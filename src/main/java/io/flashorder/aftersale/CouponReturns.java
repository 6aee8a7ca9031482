package io.flashorder.aftersale;

import io.flashorder.pricing.coupon.CouponService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Coupons an order gives back when it is refunded in full before anything shipped (partial refunds and returns of
 * shipped goods keep them used). Recorded once per order in the transaction that closes the order; given back in
 * Redis by the pricing feature's coupon service after the commit (idempotent: only a coupon still USED by this order
 * moves), and by the stock-return job if that failed or the order's own stock step had not run yet.
 */
@ApplicationScoped
public class CouponReturns {

    /** Only when some coupon was used and no merchant order of the order ever shipped. */
    private static final String RECORD = """
            INSERT INTO after_sale_coupon_return (order_id, coupon_ids, created_at)
            SELECT co.id, co.coupon_ids, $2 FROM customer_order co
            WHERE co.id = $1 AND jsonb_array_length(co.coupon_ids) > 0
              AND NOT EXISTS (SELECT 1 FROM merchant_order mo WHERE mo.order_id = co.id AND mo.shipped_at IS NOT NULL)
            ON CONFLICT (order_id) DO NOTHING""";
    /** Unapplied returns whose order's coupons were marked USED in Redis (its stock step ran). */
    private static final String DUE = """
            SELECT r.order_id, r.coupon_ids::text AS coupon_ids FROM after_sale_coupon_return r
                JOIN customer_order co ON co.id = r.order_id
            WHERE r.applied_at IS NULL AND co.stock_settled_at IS NOT NULL AND r.created_at <= $1
            ORDER BY r.created_at LIMIT $2""";
    private static final String OF_CASE = """
            SELECT r.order_id, r.coupon_ids::text AS coupon_ids FROM after_sale_coupon_return r
                JOIN after_sale_case c ON c.order_id = r.order_id JOIN customer_order co ON co.id = r.order_id
            WHERE c.id = $1 AND r.applied_at IS NULL AND co.stock_settled_at IS NOT NULL""";
    private static final String APPLIED = """
            UPDATE after_sale_coupon_return SET applied_at = $2 WHERE order_id = $1 AND applied_at IS NULL""";

    private record Due(UUID orderId, List<String> couponIds) {
    }

    private final Pool pool;
    private final CouponService coupons;

    public CouponReturns(Pool pool, CouponService coupons) {
        this.pool = pool;
        this.coupons = coupons;
    }

    /** The order just closed: its coupons go back if it was refunded before any shipment. */
    public Uni<Void> record(SqlConnection tx, UUID orderId, Instant now) {
        return tx.preparedQuery(RECORD).execute(Tuple.of(orderId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** After a case's commit: gives back its order's coupons if that is due; a failure is left to the job. */
    public Uni<Void> applyForCase(UUID caseId, Instant now) {
        return pool.withConnection(c -> c.preparedQuery(OF_CASE).execute(Tuple.of(caseId)))
                .chain(rows -> apply(dues(rows), now).replaceWithVoid())
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Case %s: its order's coupons go back later (%s)", caseId, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Every coupon return recorded before {@code before} and not applied yet. Emits how many orders. */
    public Uni<Integer> applyDue(Instant before, int limit, Instant now) {
        return pool.withConnection(c -> c.preparedQuery(DUE).execute(Tuple.of(before.atOffset(ZoneOffset.UTC), limit)))
                .chain(rows -> apply(dues(rows), now));
    }

    private Uni<Integer> apply(List<Due> dues, Instant now) {
        return Multi.createFrom().iterable(dues)
                .onItem().transformToUniAndConcatenate(due -> coupons.giveBack(due.orderId(), due.couponIds())
                        .invoke(returned -> Log.infof("Order %s refunded before shipment: %d coupon(s) given back",
                                due.orderId(), returned))
                        .chain(() -> pool.withConnection(c -> c.preparedQuery(APPLIED)
                                .execute(Tuple.of(due.orderId(), now.atOffset(ZoneOffset.UTC))))))
                .collect().asList().map(List::size);
    }

    private static List<Due> dues(Iterable<Row> rows) {
        List<Due> dues = new ArrayList<>();
        for (Row row : rows) {
            List<String> ids = new ArrayList<>();
            new JsonArray(row.getString("coupon_ids")).forEach(id -> ids.add(id.toString()));
            dues.add(new Due(row.getUUID("order_id"), List.copyOf(ids)));
        }
        return dues;
    }
}
