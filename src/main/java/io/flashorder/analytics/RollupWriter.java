package io.flashorder.analytics;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import static io.flashorder.analytics.TimelineRepository.utc;

/**
 * Adds a batch's counts to the rollup tables inside the caller's transaction: merged per row first
 * ({@link RollupTotals}), then one upsert per table for all its rows ({@code unnest} arrays). Tables are written in
 * one fixed order and each table's rows in one key order, so consumers applying batches at once never deadlock.
 */
@ApplicationScoped
public class RollupWriter {

    /** Stored for an unknown warehouse and carrier (both are part of primary keys). */
    static final UUID NO_WAREHOUSE = new UUID(0L, 0L);
    static final String NO_CARRIER = "";

    private static final String ORDER_HOURLY = """
            INSERT INTO analytics_order_hourly (merchant_id, hour, currency, placed, gmv, paid, paid_amount, cancelled)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int8[], $5::int8[], $6::int8[],
                                 $7::int8[], $8::int8[])
            ON CONFLICT (merchant_id, hour, currency) DO UPDATE
                SET placed = analytics_order_hourly.placed + excluded.placed,
                    gmv = analytics_order_hourly.gmv + excluded.gmv,
                    paid = analytics_order_hourly.paid + excluded.paid,
                    paid_amount = analytics_order_hourly.paid_amount + excluded.paid_amount,
                    cancelled = analytics_order_hourly.cancelled + excluded.cancelled""";
    private static final String CANCEL_REASON = """
            INSERT INTO analytics_cancel_reason_hourly (merchant_id, hour, reason, cancelled)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int8[])
            ON CONFLICT (merchant_id, hour, reason) DO UPDATE
                SET cancelled = analytics_cancel_reason_hourly.cancelled + excluded.cancelled""";
    private static final String SKU_DAILY = """
            INSERT INTO analytics_sku_daily (merchant_id, day, sku_id, units_sold, after_sale_units)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::int8[], $5::int8[])
            ON CONFLICT (merchant_id, day, sku_id) DO UPDATE
                SET units_sold = analytics_sku_daily.units_sold + excluded.units_sold,
                    after_sale_units = analytics_sku_daily.after_sale_units + excluded.after_sale_units""";
    private static final String AFTER_SALE_REASON = """
            INSERT INTO analytics_after_sale_reason_daily (merchant_id, day, sku_id, reason, cases, units)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::int8[], $6::int8[])
            ON CONFLICT (merchant_id, day, sku_id, reason) DO UPDATE
                SET cases = analytics_after_sale_reason_daily.cases + excluded.cases,
                    units = analytics_after_sale_reason_daily.units + excluded.units""";
    private static final String STAGE = """
            INSERT INTO analytics_stage_daily (merchant_id, day, stage, warehouse_id, carrier, bucket, observations,
                total_millis)
            SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::uuid[], $5::text[], $6::int2[],
                                 $7::int8[], $8::int8[])
            ON CONFLICT (merchant_id, day, stage, warehouse_id, carrier, bucket) DO UPDATE
                SET observations = analytics_stage_daily.observations + excluded.observations,
                    total_millis = analytics_stage_daily.total_millis + excluded.total_millis""";
    /**
     * Each order is counted accepted once: by its row in analytics_campaign_order, whatever the batches, or, with its
     * only merchant order, by that merchant order's timeline ($3, $4: added as they are, no row). One statement, so the
     * funnel rows are locked once, in campaign order.
     */
    private static final String CAMPAIGN_ACCEPTED = """
            WITH counted AS (
                INSERT INTO analytics_campaign_order (order_id, campaign_id)
                SELECT * FROM unnest($1::uuid[], $2::uuid[])
                ON CONFLICT (order_id) DO NOTHING RETURNING campaign_id)
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements)
            SELECT campaign_id, 'accepted', sum(placements) FROM (
                SELECT campaign_id, 1 AS placements FROM counted
                UNION ALL SELECT * FROM unnest($3::uuid[], $4::int8[])) AS accepted
            GROUP BY campaign_id ORDER BY campaign_id
            ON CONFLICT (campaign_id, outcome) DO UPDATE
                SET placements = analytics_campaign_funnel.placements + excluded.placements""";
    /** Each order is counted paid once: the row's flag moves from false to true once. */
    private static final String CAMPAIGN_PAID = """
            WITH counted AS (
                INSERT INTO analytics_campaign_order (order_id, campaign_id, paid)
                SELECT order_id, campaign_id, true FROM unnest($1::uuid[], $2::uuid[]) AS u(order_id, campaign_id)
                ON CONFLICT (order_id) DO UPDATE SET paid = true WHERE NOT analytics_campaign_order.paid
                RETURNING campaign_id)
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements)
            SELECT campaign_id, 'paid', count(*) FROM counted GROUP BY campaign_id ORDER BY campaign_id
            ON CONFLICT (campaign_id, outcome) DO UPDATE
                SET placements = analytics_campaign_funnel.placements + excluded.placements""";
    private static final String CAMPAIGN_REFUSED = """
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements) VALUES ($1, $2, $3)
            ON CONFLICT (campaign_id, outcome) DO UPDATE
                SET placements = analytics_campaign_funnel.placements + excluded.placements""";

    public Uni<Void> add(SqlConnection tx, List<RollupCount> counts) {
        RollupTotals totals = RollupTotals.of(counts);
        return execute(tx, ORDER_HOURLY, totals.orderHours(), rows -> Tuple.from(new Object[] {
                        column(rows, RollupTotals.OrderHour::merchantId, UUID[]::new),
                        column(rows, h -> utc(h.hour()), OffsetDateTime[]::new),
                        column(rows, RollupTotals.OrderHour::currency, String[]::new),
                        column(rows, RollupTotals.OrderHour::placed, Long[]::new),
                        column(rows, RollupTotals.OrderHour::gmv, Long[]::new),
                        column(rows, RollupTotals.OrderHour::paid, Long[]::new),
                        column(rows, RollupTotals.OrderHour::paidAmount, Long[]::new),
                        column(rows, RollupTotals.OrderHour::cancelled, Long[]::new)}))
                .chain(() -> execute(tx, CANCEL_REASON, totals.cancelReasons(), rows -> Tuple.of(
                        column(rows, RollupTotals.CancelReason::merchantId, UUID[]::new),
                        column(rows, r -> utc(r.hour()), OffsetDateTime[]::new),
                        column(rows, RollupTotals.CancelReason::reason, String[]::new),
                        column(rows, RollupTotals.CancelReason::cancelled, Long[]::new))))
                .chain(() -> execute(tx, SKU_DAILY, totals.skuDays(), rows -> Tuple.of(
                        column(rows, RollupTotals.SkuDay::merchantId, UUID[]::new),
                        column(rows, d -> utc(d.day()), OffsetDateTime[]::new),
                        column(rows, RollupTotals.SkuDay::skuId, UUID[]::new),
                        column(rows, RollupTotals.SkuDay::unitsSold, Long[]::new),
                        column(rows, RollupTotals.SkuDay::afterSaleUnits, Long[]::new))))
                .chain(() -> execute(tx, AFTER_SALE_REASON, totals.afterSaleReasons(), rows -> Tuple.from(
                        new Object[] {
                                column(rows, RollupTotals.AfterSaleReason::merchantId, UUID[]::new),
                                column(rows, r -> utc(r.day()), OffsetDateTime[]::new),
                                column(rows, RollupTotals.AfterSaleReason::skuId, UUID[]::new),
                                column(rows, RollupTotals.AfterSaleReason::reason, String[]::new),
                                column(rows, RollupTotals.AfterSaleReason::cases, Long[]::new),
                                column(rows, RollupTotals.AfterSaleReason::units, Long[]::new)})))
                .chain(() -> execute(tx, STAGE, totals.stageBuckets(), rows -> Tuple.from(new Object[] {
                        column(rows, RollupTotals.StageBucket::merchantId, UUID[]::new),
                        column(rows, b -> utc(b.day()), OffsetDateTime[]::new),
                        column(rows, RollupTotals.StageBucket::stage, String[]::new),
                        column(rows, RollupTotals.StageBucket::warehouseId, UUID[]::new),
                        column(rows, RollupTotals.StageBucket::carrier, String[]::new),
                        column(rows, RollupTotals.StageBucket::bucket, Short[]::new),
                        column(rows, RollupTotals.StageBucket::observations, Long[]::new),
                        column(rows, RollupTotals.StageBucket::totalMillis, Long[]::new)})))
                // Accepted before paid: an order placed and paid in one batch is counted both.
                .chain(() -> totals.acceptedOrders().isEmpty() && totals.acceptedAlone().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(CAMPAIGN_ACCEPTED).execute(Tuple.of(
                                column(totals.acceptedOrders(), RollupTotals.CampaignOrder::orderId, UUID[]::new),
                                column(totals.acceptedOrders(), RollupTotals.CampaignOrder::campaignId, UUID[]::new),
                                totals.acceptedAlone().keySet().toArray(UUID[]::new),
                                totals.acceptedAlone().values().toArray(Long[]::new))).replaceWithVoid())
                .chain(() -> execute(tx, CAMPAIGN_PAID, totals.paidOrders(), RollupWriter::campaignOrders));
    }

    private static Tuple campaignOrders(List<RollupTotals.CampaignOrder> rows) {
        return Tuple.of(column(rows, RollupTotals.CampaignOrder::orderId, UUID[]::new),
                column(rows, RollupTotals.CampaignOrder::campaignId, UUID[]::new));
    }

    /** One statement for all the rows of a table; none when it has no rows. */
    private static <T> Uni<Void> execute(SqlConnection tx, String sql, List<T> rows,
                                         Function<List<T>, Tuple> arguments) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery(sql).execute(arguments.apply(rows)).replaceWithVoid();
    }

    private static <T, V> V[] column(List<T> rows, Function<T, V> value, IntFunction<V[]> array) {
        V[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return values;
    }

    /** Refusals of a campaign's placements by problem code (from checkout's tallies), added outside any event. */
    public Uni<Void> addRefusals(SqlConnection tx, UUID campaignId, String outcome, long placements) {
        return tx.preparedQuery(CAMPAIGN_REFUSED).execute(Tuple.of(campaignId, outcome, placements)).replaceWithVoid();
    }
}
