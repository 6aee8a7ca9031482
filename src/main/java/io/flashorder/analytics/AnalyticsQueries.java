package io.flashorder.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.flashorder.analytics.TimelineRepository.utc;

/**
 * Reads the rollups for a merchant (or, with a null merchant, the platform: all merchants summed), over a range of
 * hours or days; never the orders themselves.
 */
@ApplicationScoped
public class AnalyticsQueries {

    /** The merchant's rows, or every merchant's (spaces around: it sits between text blocks). */
    private static final String SCOPE = " ($1::uuid IS NULL OR merchant_id = $1) ";
    private static final String HOURLY = """
            SELECT hour, currency, sum(placed) AS placed, sum(gmv) AS gmv, sum(paid) AS paid,
                   sum(paid_amount) AS paid_amount, sum(cancelled) AS cancelled
            FROM analytics_order_hourly WHERE\s""" + SCOPE + """
             AND hour >= $2 AND hour < $3 GROUP BY hour, currency ORDER BY hour, currency""";
    private static final String CANCEL_REASONS = """
            SELECT reason, sum(cancelled) AS cancelled FROM analytics_cancel_reason_hourly WHERE\s""" + SCOPE + """
             AND hour >= $2 AND hour < $3 GROUP BY reason ORDER BY reason""";
    private static final String STAGES = """
            SELECT stage, warehouse_id, carrier, bucket, sum(observations) AS observations,
                   sum(total_millis) AS total_millis
            FROM analytics_stage_daily WHERE\s""" + SCOPE + """
             AND day >= $2 AND day < $3 GROUP BY stage, warehouse_id, carrier, bucket""";
    private static final String SKUS = """
            SELECT sku_id, sum(units_sold) AS units_sold, sum(after_sale_units) AS after_sale_units
            FROM analytics_sku_daily WHERE\s""" + SCOPE + """
             AND day >= $2 AND day < $3 GROUP BY sku_id""";
    private static final String AFTER_SALE_REASONS = """
            SELECT sku_id, reason, sum(cases) AS cases FROM analytics_after_sale_reason_daily WHERE\s""" + SCOPE + """
             AND day >= $2 AND day < $3 GROUP BY sku_id, reason""";
    private static final String FUNNEL = """
            SELECT outcome, placements FROM analytics_campaign_funnel WHERE campaign_id = $1""";

    /** One hour's figures in one currency. */
    public record HourRow(java.time.Instant hour, String currency, long placed, long gmv, long paid, long paidAmount,
                          long cancelled) {
    }

    /** One SKU's units over the range, and its cases by reason. */
    public record SkuRow(UUID skuId, long unitsSold, long afterSaleUnits, Map<String, Long> casesByReason) {
    }

    public Uni<List<HourRow>> hours(SqlClient client, UUID merchantId, DateRange range) {
        return list(client, HOURLY, merchantId, range, row -> new HourRow(row.getOffsetDateTime("hour").toInstant(),
                row.getString("currency"), row.getLong("placed"), row.getLong("gmv"), row.getLong("paid"),
                row.getLong("paid_amount"), row.getLong("cancelled")));
    }

    public Uni<Map<String, Long>> cancellationReasons(SqlClient client, UUID merchantId, DateRange range) {
        return list(client, CANCEL_REASONS, merchantId, range,
                row -> Map.entry(row.getString("reason"), row.getLong("cancelled")))
                .map(AnalyticsQueries::ordered);
    }

    public Uni<List<StageReports.HistogramRow>> stages(SqlClient client, UUID merchantId, DateRange range) {
        return list(client, STAGES, merchantId, range, row -> {
            UUID warehouse = row.getUUID("warehouse_id");
            String carrier = row.getString("carrier");
            return new StageReports.HistogramRow(Stage.valueOf(row.getString("stage")),
                    RollupWriter.NO_WAREHOUSE.equals(warehouse) ? null : warehouse,
                    RollupWriter.NO_CARRIER.equals(carrier) ? null : carrier, row.getShort("bucket"),
                    row.getLong("observations"), row.getLong("total_millis"));
        });
    }

    public Uni<List<SkuRow>> skus(SqlClient client, UUID merchantId, DateRange range) {
        return list(client, AFTER_SALE_REASONS, merchantId, range, row -> row).chain(reasonRows -> {
            Map<UUID, Map<String, Long>> reasons = new LinkedHashMap<>();
            reasonRows.forEach(row -> reasons.computeIfAbsent(row.getUUID("sku_id"), sku -> new java.util.TreeMap<>())
                    .put(row.getString("reason"), row.getLong("cases")));
            return list(client, SKUS, merchantId, range, row -> new SkuRow(row.getUUID("sku_id"),
                    row.getLong("units_sold"), row.getLong("after_sale_units"),
                    reasons.getOrDefault(row.getUUID("sku_id"), Map.of())));
        });
    }

    public Uni<Map<String, Long>> funnel(SqlClient client, UUID campaignId) {
        return client.preparedQuery(FUNNEL).execute(Tuple.of(campaignId)).map(rows -> {
            Map<String, Long> outcomes = new java.util.TreeMap<>();
            rows.forEach(row -> outcomes.put(row.getString("outcome"), row.getLong("placements")));
            return outcomes;
        });
    }

    private static <T> Uni<List<T>> list(SqlClient client, String sql, UUID merchantId, DateRange range,
                                         Function<Row, T> read) {
        return client.preparedQuery(sql).execute(Tuple.of(merchantId, utc(range.start()), utc(range.end())))
                .map(rows -> {
                    List<T> items = new ArrayList<>();
                    rows.forEach(row -> items.add(read.apply(row)));
                    return items;
                });
    }

    private static Map<String, Long> ordered(List<Map.Entry<String, Long>> entries) {
        Map<String, Long> map = new LinkedHashMap<>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
