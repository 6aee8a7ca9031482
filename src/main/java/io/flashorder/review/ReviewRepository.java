package io.flashorder.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reviews of held orders (table order_review). */
@ApplicationScoped
public class ReviewRepository {

    private static final String COLUMNS = """
            order_id, buyer_id, merchant_order_ids, merchant_ids, status, score, reasons::text AS reasons, held_at, review_due_at,
            decided_at, decided_by, decision_reason""";

    private final ObjectMapper json;

    public ReviewRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Holds the order (a repeated payment step changes nothing). */
    public Uni<Void> hold(SqlClient tx, ReviewView review) {
        return tx.preparedQuery("""
                        INSERT INTO order_review (order_id, buyer_id, merchant_order_ids, merchant_ids, status, score,
                            reasons, held_at, review_due_at)
                        VALUES ($1, $2, $3, $4, 'UNDER_REVIEW', $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {review.orderId(), review.buyerId(),
                        review.merchantOrderIds().toArray(UUID[]::new), review.merchantIds().toArray(UUID[]::new),
                        review.score(), new JsonArray(toJson(review.reasons())), utc(review.heldAt()),
                        utc(review.reviewDueAt())}))
                .replaceWithVoid();
    }

    public Uni<Optional<ReviewView>> find(SqlClient client, UUID orderId, boolean lock) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM order_review WHERE order_id = $1"
                        + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    /** Decides a review still under review; emits false when it was not (someone decided first). */
    public Uni<Boolean> decide(SqlClient tx, UUID orderId, ReviewStatus verdict, String actor, String reason,
                               Instant at) {
        return tx.preparedQuery("""
                        UPDATE order_review SET status = $2, decided_at = $3, decided_by = $4, decision_reason = $5
                        WHERE order_id = $1 AND status = 'UNDER_REVIEW'""")
                .execute(Tuple.of(orderId, verdict.name(), utc(at), actor, reason))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The status of the review that holds this merchant order, if any. */
    public Uni<Optional<ReviewStatus>> statusOfMerchantOrder(SqlClient tx, UUID merchantOrderId) {
        return tx.preparedQuery("SELECT status FROM order_review WHERE merchant_order_ids @> ARRAY[$1::uuid]")
                .execute(Tuple.of(merchantOrderId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(ReviewStatus.valueOf(rows.iterator().next().getString("status"))));
    }

    /** A page of reviews in one status (oldest order first), one row more than asked. */
    public Uni<List<ReviewView>> list(SqlClient client, ReviewStatus status, PageRequest page) {
        return client.preparedQuery("SELECT " + COLUMNS
                        + " FROM order_review WHERE status = $1 AND order_id > $2 ORDER BY order_id LIMIT $3")
                .execute(Tuple.of(status.name(), page.afterOrStart(), page.fetchSize()))
                .map(this::views);
    }

    /** A page of the reviews in one status that hold one of the merchant's merchant orders, one row more than asked. */
    public Uni<List<ReviewView>> listForMerchant(SqlClient client, UUID merchantId, ReviewStatus status,
                                                 PageRequest page) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                         FROM order_review WHERE status = $1 AND merchant_ids @> ARRAY[$2::uuid] AND order_id > $3
                        ORDER BY order_id LIMIT $4""")
                .execute(Tuple.of(status.name(), merchantId, page.afterOrStart(), page.fetchSize()))
                .map(this::views);
    }

    /** Orders whose review time ran out. */
    public Uni<List<UUID>> due(SqlClient client, Instant now, int limit) {
        return client.preparedQuery("""
                        SELECT order_id FROM order_review WHERE status = 'UNDER_REVIEW' AND review_due_at <= $1
                        ORDER BY review_due_at LIMIT $2""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("order_id")));
                    return ids;
                });
    }

    private List<ReviewView> views(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<ReviewView> views = new ArrayList<>();
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    private ReviewView view(Row row) {
        return new ReviewView(row.getUUID("order_id"), row.getString("buyer_id"),
                Arrays.asList(row.getArrayOfUUIDs("merchant_order_ids")), Arrays.asList(row.getArrayOfUUIDs("merchant_ids")),
                ReviewStatus.valueOf(row.getString("status")), row.getInteger("score"), reasons(row.getString("reasons")),
                instant(row, "held_at"), instant(row, "review_due_at"), instant(row, "decided_at"),
                row.getString("decided_by"), row.getString("decision_reason"));
    }

    private List<RiskReason> reasons(String text) {
        try {
            return json.readValue(text, new TypeReference<List<RiskReason>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable review reasons", e);
        }
    }

    private String toJson(List<RiskReason> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Review reasons not serialisable", e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
