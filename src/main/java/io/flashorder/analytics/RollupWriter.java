package io.flashorder.analytics;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.flashorder.analytics.TimelineRepository.utc;

/**
 * Adds counts to the rollup tables inside the caller's transaction. The statements of one transaction run in one
 * global order (table, then key), so consumers applying events in parallel never deadlock on shared rows.
 */
@ApplicationScoped
public class RollupWriter {

    /** Stored for an unknown warehouse and carrier (both are part of primary keys). */
    static final UUID NO_WAREHOUSE = new UUID(0L, 0L);
    static final String NO_CARRIER = "";

    private static final String PLACED = """
            INSERT INTO analytics_order_hourly (merchant_id, hour, currency, placed, gmv) VALUES ($1, $2, $3, 1, $4)
            ON CONFLICT (merchant_id, hour, currency) DO UPDATE SET placed = analytics_order_hourly.placed + 1,
                gmv = analytics_order_hourly.gmv + excluded.gmv""";
    private static final String PAID = """
            INSERT INTO analytics_order_hourly (merchant_id, hour, currency, paid, paid_amount)
            VALUES ($1, $2, $3, 1, $4)
            ON CONFLICT (merchant_id, hour, currency) DO UPDATE SET paid = analytics_order_hourly.paid + 1,
                paid_amount = analytics_order_hourly.paid_amount + excluded.paid_amount""";
    private static final String CANCELLED = """
            INSERT INTO analytics_order_hourly (merchant_id, hour, currency, cancelled) VALUES ($1, $2, $3, 1)
            ON CONFLICT (merchant_id, hour, currency) DO UPDATE SET cancelled = analytics_order_hourly.cancelled + 1""";
    private static final String CANCEL_REASON = """
            INSERT INTO analytics_cancel_reason_hourly (merchant_id, hour, reason, cancelled) VALUES ($1, $2, $3, 1)
            ON CONFLICT (merchant_id, hour, reason) DO UPDATE
                SET cancelled = analytics_cancel_reason_hourly.cancelled + 1""";
    private static final String SKU_SOLD = """
            INSERT INTO analytics_sku_daily (merchant_id, day, sku_id, units_sold) VALUES ($1, $2, $3, $4)
            ON CONFLICT (merchant_id, day, sku_id) DO UPDATE
                SET units_sold = analytics_sku_daily.units_sold + excluded.units_sold""";
    private static final String SKU_AFTER_SALE = """
            INSERT INTO analytics_sku_daily (merchant_id, day, sku_id, after_sale_units) VALUES ($1, $2, $3, $4)
            ON CONFLICT (merchant_id, day, sku_id) DO UPDATE
                SET after_sale_units = analytics_sku_daily.after_sale_units + excluded.after_sale_units""";
    private static final String AFTER_SALE_REASON = """
            INSERT INTO analytics_after_sale_reason_daily (merchant_id, day, sku_id, reason, cases, units)
            VALUES ($1, $2, $3, $4, 1, $5)
            ON CONFLICT (merchant_id, day, sku_id, reason) DO UPDATE
                SET cases = analytics_after_sale_reason_daily.cases + 1,
                    units = analytics_after_sale_reason_daily.units + excluded.units""";
    private static final String STAGE = """
            INSERT INTO analytics_stage_daily (merchant_id, day, stage, warehouse_id, carrier, bucket, observations,
                total_millis) VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
            ON CONFLICT (merchant_id, day, stage, warehouse_id, carrier, bucket) DO UPDATE
                SET observations = analytics_stage_daily.observations + 1,
                    total_millis = analytics_stage_daily.total_millis + excluded.total_millis""";
    private static final String CAMPAIGN_ACCEPTED = """
            WITH counted AS (
                INSERT INTO analytics_campaign_order (order_id, campaign_id) VALUES ($1, $2)
                ON CONFLICT (order_id) DO NOTHING RETURNING campaign_id)
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements)
            SELECT campaign_id, 'accepted', 1 FROM counted
            ON CONFLICT (campaign_id, outcome) DO UPDATE SET placements = analytics_campaign_funnel.placements + 1""";
    private static final String CAMPAIGN_PAID = """
            WITH counted AS (
                INSERT INTO analytics_campaign_order (order_id, campaign_id, paid) VALUES ($1, $2, true)
                ON CONFLICT (order_id) DO UPDATE SET paid = true WHERE NOT analytics_campaign_order.paid
                RETURNING campaign_id)
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements)
            SELECT campaign_id, 'paid', 1 FROM counted
            ON CONFLICT (campaign_id, outcome) DO UPDATE SET placements = analytics_campaign_funnel.placements + 1""";
    private static final String CAMPAIGN_REFUSED = """
            INSERT INTO analytics_campaign_funnel (campaign_id, outcome, placements) VALUES ($1, $2, $3)
            ON CONFLICT (campaign_id, outcome) DO UPDATE
                SET placements = analytics_campaign_funnel.placements + excluded.placements""";

    /** One statement, and where it stands in the global order. */
    private record Statement(int table, String key, String sql, Tuple arguments) {
    }

    public Uni<Void> add(SqlConnection tx, List<RollupCount> counts) {
        List<Statement> statements = new ArrayList<>();
        counts.forEach(count -> statements.addAll(statements(count)));
        statements.sort(Comparator.comparingInt(Statement::table).thenComparing(Statement::key));
        return Multi.createFrom().iterable(statements)
                .onItem().transformToUniAndConcatenate(s -> tx.preparedQuery(s.sql()).execute(s.arguments()))
                .collect().last().replaceWithVoid();
    }

    /** Refusals of a campaign's placements by problem code (from checkout's tallies), added outside any event. */
    public Uni<Void> addRefusals(SqlConnection tx, UUID campaignId, String outcome, long placements) {
        return tx.preparedQuery(CAMPAIGN_REFUSED).execute(Tuple.of(campaignId, outcome, placements)).replaceWithVoid();
    }

    private static List<Statement> statements(RollupCount count) {
        return switch (count) {
            case RollupCount.Placed p -> List.of(new Statement(1, p.merchantId() + "/" + p.hour() + "/" + p.currency(),
                    PLACED, Tuple.of(p.merchantId(), utc(p.hour()), p.currency(), p.amount())));
            case RollupCount.Paid p -> List.of(new Statement(1, p.merchantId() + "/" + p.hour() + "/" + p.currency(),
                    PAID, Tuple.of(p.merchantId(), utc(p.hour()), p.currency(), p.amount())));
            case RollupCount.Cancelled c -> List.of(
                    new Statement(1, c.merchantId() + "/" + c.hour() + "/" + c.currency(), CANCELLED,
                            Tuple.of(c.merchantId(), utc(c.hour()), c.currency())),
                    new Statement(2, c.merchantId() + "/" + c.hour() + "/" + c.reason(), CANCEL_REASON,
                            Tuple.of(c.merchantId(), utc(c.hour()), c.reason())));
            case RollupCount.SkuSold s -> List.of(new Statement(3, s.merchantId() + "/" + s.day() + "/" + s.skuId(),
                    SKU_SOLD, Tuple.of(s.merchantId(), utc(s.day()), s.skuId(), (long) s.units())));
            case RollupCount.CaseOpened c -> c.lines().stream().flatMap(line -> java.util.stream.Stream.of(
                    new Statement(3, c.merchantId() + "/" + c.day() + "/" + line.skuId(), SKU_AFTER_SALE,
                            Tuple.of(c.merchantId(), utc(c.day()), line.skuId(), (long) line.quantity())),
                    new Statement(4, c.merchantId() + "/" + c.day() + "/" + line.skuId() + "/" + c.reason(),
                            AFTER_SALE_REASON, Tuple.of(c.merchantId(), utc(c.day()), line.skuId(), c.reason(),
                                    (long) line.quantity())))).toList();
            case RollupCount.StageTime t -> {
                UUID warehouse = t.warehouseId() == null ? NO_WAREHOUSE : t.warehouseId();
                String carrier = t.carrier() == null ? NO_CARRIER : t.carrier();
                int bucket = DurationBuckets.bucketOf(t.duration());
                yield List.of(new Statement(5, t.merchantId() + "/" + t.day() + "/" + t.stage() + "/" + warehouse
                        + "/" + carrier + "/" + bucket, STAGE, Tuple.from(new Object[] {t.merchantId(), utc(t.day()),
                        t.stage().name(), warehouse, carrier, (short) bucket, Math.max(0, t.duration().toMillis())})));
            }
            case RollupCount.CampaignOrder c -> List.of(new Statement(6, c.campaignId() + "/" + c.orderId()
                    + (c.paid() ? "/paid" : "/accepted"), c.paid() ? CAMPAIGN_PAID : CAMPAIGN_ACCEPTED,
                    Tuple.of(c.orderId(), c.campaignId())));
        };
    }
}
