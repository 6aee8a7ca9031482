package io.flashorder.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The analytics consumer's own state: events applied, and the timeline of each merchant order and case. */
@ApplicationScoped
public class TimelineRepository {

    private static final String MARK_APPLIED = """
            INSERT INTO analytics_applied_event (event_id, applied_at) VALUES ($1, $2)
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id""";
    private static final String ENSURE_TIMELINE = """
            INSERT INTO analytics_order_timeline (merchant_order_id, merchant_id) VALUES ($1, $2)
            ON CONFLICT (merchant_order_id) DO NOTHING""";
    private static final String TIMELINE_COLUMNS = """
            merchant_order_id, merchant_id, order_id, campaign_id, currency, payable, warehouse_id, carrier,
            lines::text AS lines, placed_at, paid_at, cancelled_at, cancel_reason, shipped_at, delivered_at,
            completed_at""";
    private static final String LOCK_TIMELINE = "SELECT " + TIMELINE_COLUMNS
            + " FROM analytics_order_timeline WHERE merchant_order_id = $1 FOR UPDATE";
    private static final String READ_TIMELINE = "SELECT " + TIMELINE_COLUMNS
            + " FROM analytics_order_timeline WHERE merchant_order_id = $1";
    private static final String SAVE_TIMELINE = """
            UPDATE analytics_order_timeline SET order_id = $2, campaign_id = $3, currency = $4, payable = $5,
                warehouse_id = $6, carrier = $7, lines = $8::jsonb, placed_at = $9, paid_at = $10, cancelled_at = $11,
                cancel_reason = $12, shipped_at = $13, delivered_at = $14, completed_at = $15
            WHERE merchant_order_id = $1""";
    private static final String ENSURE_CASE = """
            INSERT INTO analytics_case_timeline (case_id, merchant_id) VALUES ($1, $2)
            ON CONFLICT (case_id) DO NOTHING""";
    private static final String LOCK_CASE = """
            SELECT case_id, merchant_id, warehouse_id, carrier, opened_at, ended_at
            FROM analytics_case_timeline WHERE case_id = $1 FOR UPDATE""";
    private static final String SAVE_CASE = """
            UPDATE analytics_case_timeline SET warehouse_id = $2, carrier = $3, opened_at = $4, ended_at = $5
            WHERE case_id = $1""";

    /** One after-sale case as analytics knows it. */
    public record CaseTimeline(UUID caseId, UUID merchantId, UUID warehouseId, String carrier, Instant openedAt,
                               Instant endedAt) {
    }

    /** True the first time an event is seen: the caller applies it in the same transaction. */
    public Uni<Boolean> markApplied(SqlConnection tx, UUID eventId, Instant at) {
        return tx.preparedQuery(MARK_APPLIED).execute(Tuple.of(eventId, utc(at))).map(rows -> rows.size() > 0);
    }

    /** The merchant order's timeline, locked for this transaction (created empty the first time). */
    public Uni<Timeline> lockTimeline(SqlConnection tx, UUID merchantOrderId, UUID merchantId) {
        return tx.preparedQuery(ENSURE_TIMELINE).execute(Tuple.of(merchantOrderId, merchantId))
                .chain(() -> tx.preparedQuery(LOCK_TIMELINE).execute(Tuple.of(merchantOrderId)))
                .map(rows -> timeline(rows.iterator().next()));
    }

    public Uni<Optional<Timeline>> timeline(SqlConnection tx, UUID merchantOrderId) {
        return tx.preparedQuery(READ_TIMELINE).execute(Tuple.of(merchantOrderId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(timeline(rows.iterator().next())));
    }

    public Uni<Void> save(SqlConnection tx, Timeline t) {
        // A JsonArray binds as a JSON array; a String would be stored as one JSON string.
        JsonArray lines = new JsonArray();
        t.lines().forEach(line -> lines.add(new JsonObject().put("skuId", line.skuId().toString())
                .put("quantity", line.quantity())));
        return tx.preparedQuery(SAVE_TIMELINE).execute(Tuple.from(new Object[] {t.merchantOrderId(), t.orderId(),
                        t.campaignId(), t.currency(), t.payable(), t.warehouseId(), t.carrier(), lines,
                        utc(t.placedAt()), utc(t.paidAt()), utc(t.cancelledAt()), t.cancelReason(), utc(t.shippedAt()),
                        utc(t.deliveredAt()), utc(t.completedAt())}))
                .replaceWithVoid();
    }

    public Uni<CaseTimeline> lockCase(SqlConnection tx, UUID caseId, UUID merchantId) {
        return tx.preparedQuery(ENSURE_CASE).execute(Tuple.of(caseId, merchantId))
                .chain(() -> tx.preparedQuery(LOCK_CASE).execute(Tuple.of(caseId)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new CaseTimeline(row.getUUID("case_id"), row.getUUID("merchant_id"),
                            row.getUUID("warehouse_id"), row.getString("carrier"), instant(row, "opened_at"),
                            instant(row, "ended_at"));
                });
    }

    public Uni<Void> save(SqlConnection tx, CaseTimeline c) {
        return tx.preparedQuery(SAVE_CASE).execute(Tuple.of(c.caseId(), c.warehouseId(), c.carrier(),
                utc(c.openedAt()), utc(c.endedAt()))).replaceWithVoid();
    }

    private static Timeline timeline(Row row) {
        List<OrderFact.SkuUnits> lines = new ArrayList<>();
        new JsonArray(row.getString("lines")).forEach(line -> {
            JsonObject units = (JsonObject) line;
            lines.add(new OrderFact.SkuUnits(UUID.fromString(units.getString("skuId")), units.getInteger("quantity")));
        });
        return new Timeline(row.getUUID("merchant_order_id"), row.getUUID("merchant_id"), row.getUUID("order_id"),
                row.getUUID("campaign_id"), row.getString("currency"), row.getLong("payable"),
                row.getUUID("warehouse_id"), row.getString("carrier"), List.copyOf(lines), instant(row, "placed_at"),
                instant(row, "paid_at"), instant(row, "cancelled_at"), row.getString("cancel_reason"),
                instant(row, "shipped_at"), instant(row, "delivered_at"), instant(row, "completed_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
