package io.flashorder.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The analytics consumer's own state: events applied, and the timeline of each merchant order and case; read,
 * locked and written for a batch of events at a time (one statement each).
 */
@ApplicationScoped
public class TimelineRepository {

    private static final String MARK_APPLIED = """
            INSERT INTO analytics_applied_event (event_id, applied_at) SELECT id, $2 FROM unnest($1::uuid[]) AS u(id)
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id""";
    /**
     * A merchant order's first timeline, with its final values: no empty row written first and then updated. A plain
     * insert, not {@code ON CONFLICT}: a speculative insertion costs a further WAL record per row, and a row another
     * transaction inserted meanwhile means starting over anyway ({@link TimelineTaken}).
     */
    private static final String INSERT_TIMELINES = """
            INSERT INTO analytics_order_timeline (merchant_order_id, merchant_id, order_id, campaign_id, currency,
                payable, warehouse_id, carrier, lines, placed_at, paid_at, cancelled_at, cancel_reason, shipped_at,
                delivered_at, completed_at)
            SELECT merchant_order_id, merchant_id, order_id, campaign_id, currency, payable, warehouse_id, carrier,
                lines::jsonb, placed_at, paid_at, cancelled_at, cancel_reason, shipped_at, delivered_at, completed_at
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int8[], $6::uuid[], $7::text[],
                        $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[],
                        $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::uuid[])
                AS u(merchant_order_id, order_id, campaign_id, currency, payable, warehouse_id, carrier, lines,
                     placed_at, paid_at, cancelled_at, cancel_reason, shipped_at, delivered_at, completed_at,
                     merchant_id)""";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TIMELINE_KEY = "analytics_order_timeline_pkey";
    private static final String TIMELINE_COLUMNS = """
            merchant_order_id, merchant_id, order_id, campaign_id, currency, payable, warehouse_id, carrier,
            lines::text AS lines, placed_at, paid_at, cancelled_at, cancel_reason, shipped_at, delivered_at,
            completed_at""";
    private static final String LOCK_TIMELINES = "SELECT " + TIMELINE_COLUMNS
            + " FROM analytics_order_timeline WHERE merchant_order_id = ANY($1) ORDER BY merchant_order_id FOR UPDATE";
    private static final String READ_TIMELINES = "SELECT " + TIMELINE_COLUMNS
            + " FROM analytics_order_timeline WHERE merchant_order_id = ANY($1)";
    private static final String SAVE_TIMELINES = """
            UPDATE analytics_order_timeline t SET order_id = u.order_id, campaign_id = u.campaign_id,
                currency = u.currency, payable = u.payable, warehouse_id = u.warehouse_id, carrier = u.carrier,
                lines = u.lines::jsonb, placed_at = u.placed_at, paid_at = u.paid_at, cancelled_at = u.cancelled_at,
                cancel_reason = u.cancel_reason, shipped_at = u.shipped_at, delivered_at = u.delivered_at,
                completed_at = u.completed_at
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int8[], $6::uuid[], $7::text[],
                        $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[],
                        $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
                AS u(merchant_order_id, order_id, campaign_id, currency, payable, warehouse_id, carrier, lines,
                     placed_at, paid_at, cancelled_at, cancel_reason, shipped_at, delivered_at, completed_at)
            WHERE t.merchant_order_id = u.merchant_order_id""";
    private static final String ENSURE_CASES = """
            INSERT INTO analytics_case_timeline (case_id, merchant_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])
            ON CONFLICT (case_id) DO NOTHING""";
    private static final String LOCK_CASES = """
            SELECT case_id, merchant_id, warehouse_id, carrier, opened_at, ended_at
            FROM analytics_case_timeline WHERE case_id = ANY($1) ORDER BY case_id FOR UPDATE""";
    private static final String SAVE_CASES = """
            UPDATE analytics_case_timeline c SET warehouse_id = u.warehouse_id, carrier = u.carrier,
                opened_at = u.opened_at, ended_at = u.ended_at
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[])
                AS u(case_id, warehouse_id, carrier, opened_at, ended_at)
            WHERE c.case_id = u.case_id""";

    /** One after-sale case as analytics knows it. */
    public record CaseTimeline(UUID caseId, UUID merchantId, UUID warehouseId, String carrier, Instant openedAt,
                               Instant endedAt) {
    }

    /**
     * The events seen for the first time now: the caller applies them in the same transaction, and only them. Only
     * case events are recorded: a merchant order's timeline dedupes its own (see {@link AnalyticsRecorder}).
     */
    public Uni<Set<UUID>> markApplied(SqlConnection tx, Collection<UUID> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        UUID[] ids = eventIds.stream().sorted(RollupTotals.UUIDS).toArray(UUID[]::new);
        return tx.preparedQuery(MARK_APPLIED).execute(Tuple.of(ids, utc(at))).map(rows -> {
            Set<UUID> first = new HashSet<>();
            rows.forEach(row -> first.add(row.getUUID("event_id")));
            return first;
        });
    }

    /**
     * The timelines analytics already has among these merchant orders, locked for this transaction in id order; one
     * it does not have yet is absent (the caller starts it empty and {@link #insertTimelines inserts} it).
     */
    public Uni<Map<UUID, Timeline>> lockTimelines(SqlConnection tx, Collection<UUID> merchantOrderIds) {
        if (merchantOrderIds.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        UUID[] ids = merchantOrderIds.stream().sorted(RollupTotals.UUIDS).toArray(UUID[]::new);
        return tx.preparedQuery(LOCK_TIMELINES).execute(Tuple.of(ids)).map(TimelineRepository::timelines);
    }

    /** The timelines of those of these merchant orders analytics knows, not locked. */
    public Uni<Map<UUID, Timeline>> timelines(SqlClient client, Collection<UUID> merchantOrderIds) {
        if (merchantOrderIds.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return client.preparedQuery(READ_TIMELINES).execute(Tuple.of(merchantOrderIds.toArray(UUID[]::new)))
                .map(TimelineRepository::timelines);
    }

    /** Stores the timelines (each locked by this transaction) in one statement. */
    public Uni<Void> saveTimelines(SqlConnection tx, Collection<Timeline> timelines) {
        if (timelines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(SAVE_TIMELINES).execute(Tuple.from(columns(timelines, false))).replaceWithVoid();
    }

    /**
     * Inserts the first timelines of these merchant orders in one statement. Fails with {@link TimelineTaken} when
     * another transaction inserted one of them meanwhile (two consumers with events of the same new merchant order):
     * this transaction must then start over, and will find and lock that row.
     */
    public Uni<Void> insertTimelines(SqlConnection tx, Collection<Timeline> timelines) {
        if (timelines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_TIMELINES).execute(Tuple.from(columns(timelines, true))).replaceWithVoid()
                .onFailure(TimelineRepository::takenMeanwhile).transform(TimelineTaken::new);
    }

    private static boolean takenMeanwhile(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && TIMELINE_KEY.equals(pg.getConstraint());
    }

    /** A timeline this transaction meant to insert first was inserted by another one: start the transaction over. */
    public static final class TimelineTaken extends RuntimeException {

        TimelineTaken(Throwable cause) {
            super("a merchant order timeline was inserted concurrently", cause);
        }
    }

    /** The statements' arrays, one per column, rows in id order (the merchant's last when inserting). */
    private static Object[] columns(Collection<Timeline> timelines, boolean withMerchant) {
        List<Timeline> rows = timelines.stream().sorted(Comparator.comparing(Timeline::merchantOrderId,
                RollupTotals.UUIDS)).toList();
        int n = rows.size();
        Object[][] columns = new Object[withMerchant ? 16 : 15][];
        columns[0] = new UUID[n];
        columns[1] = new UUID[n];
        columns[2] = new UUID[n];
        columns[3] = new String[n];
        columns[4] = new Long[n];
        columns[5] = new UUID[n];
        columns[6] = new String[n];
        columns[7] = new String[n];
        for (int c = 8; c < 15; c++) {
            columns[c] = c == 11 ? new String[n] : new OffsetDateTime[n];
        }
        if (withMerchant) {
            columns[15] = new UUID[n];
        }
        for (int i = 0; i < n; i++) {
            Timeline t = rows.get(i);
            Object[] row = {t.merchantOrderId(), t.orderId(), t.campaignId(), t.currency(), t.payable(),
                    t.warehouseId(), t.carrier(), lines(t), utc(t.placedAt()), utc(t.paidAt()), utc(t.cancelledAt()),
                    t.cancelReason(), utc(t.shippedAt()), utc(t.deliveredAt()), utc(t.completedAt()), t.merchantId()};
            for (int c = 0; c < columns.length; c++) {
                columns[c][i] = row[c];
            }
        }
        return columns;
    }

    /** The cases (id → its merchant), locked for this transaction in id order (created empty the first time). */
    public Uni<Map<UUID, CaseTimeline>> lockCases(SqlConnection tx, Map<UUID, UUID> merchantOfCase) {
        if (merchantOfCase.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        List<UUID> ids = merchantOfCase.keySet().stream().sorted(RollupTotals.UUIDS).toList();
        return tx.preparedQuery(ENSURE_CASES).execute(Tuple.of(ids.toArray(UUID[]::new),
                        ids.stream().map(merchantOfCase::get).toArray(UUID[]::new)))
                .chain(() -> tx.preparedQuery(LOCK_CASES).execute(Tuple.of(ids.toArray(UUID[]::new))))
                .map(rows -> {
                    Map<UUID, CaseTimeline> cases = new HashMap<>();
                    rows.forEach(row -> cases.put(row.getUUID("case_id"), new CaseTimeline(row.getUUID("case_id"),
                            row.getUUID("merchant_id"), row.getUUID("warehouse_id"), row.getString("carrier"),
                            instant(row, "opened_at"), instant(row, "ended_at"))));
                    return cases;
                });
    }

    /** Stores the cases (each locked by this transaction) in one statement. */
    public Uni<Void> saveCases(SqlConnection tx, Collection<CaseTimeline> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CaseTimeline> rows = cases.stream().sorted(Comparator.comparing(CaseTimeline::caseId,
                RollupTotals.UUIDS)).toList();
        return tx.preparedQuery(SAVE_CASES).execute(Tuple.of(
                        rows.stream().map(CaseTimeline::caseId).toArray(UUID[]::new),
                        rows.stream().map(CaseTimeline::warehouseId).toArray(UUID[]::new),
                        rows.stream().map(CaseTimeline::carrier).toArray(String[]::new),
                        rows.stream().map(c -> utc(c.openedAt())).toArray(OffsetDateTime[]::new),
                        rows.stream().map(c -> utc(c.endedAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** The timeline's lines as a JSON array text (cast to jsonb by the statement). */
    private static String lines(Timeline t) {
        JsonArray lines = new JsonArray();
        t.lines().forEach(line -> lines.add(new JsonObject().put("skuId", line.skuId().toString())
                .put("quantity", line.quantity())));
        return lines.encode();
    }

    private static Map<UUID, Timeline> timelines(RowSet<Row> rows) {
        Map<UUID, Timeline> timelines = new HashMap<>();
        rows.forEach(row -> timelines.put(row.getUUID("merchant_order_id"), timeline(row)));
        return timelines;
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
