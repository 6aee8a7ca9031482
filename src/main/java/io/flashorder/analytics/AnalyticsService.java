package io.flashorder.analytics;

import io.flashorder.catalog.campaign.CampaignService;
import io.flashorder.catalog.merchant.MerchantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Order analytics for a merchant (its own figures only: the resource passes the token's merchant) or for operators
 * (one merchant, or with a null merchant the whole platform), over a bounded range of UTC days, from the rollups.
 */
@ApplicationScoped
public class AnalyticsService {

    private static final String SOLD_OUT = "sold-out";

    private final Pool pool;
    private final AnalyticsQueries queries;
    private final AnalyticsConfig config;
    private final MerchantService merchants;
    private final CampaignService campaigns;

    public AnalyticsService(Pool pool, AnalyticsQueries queries, AnalyticsConfig config, MerchantService merchants,
                            CampaignService campaigns) {
        this.pool = pool;
        this.queries = queries;
        this.config = config;
        this.merchants = merchants;
        this.campaigns = campaigns;
    }

    /** An admin's merchant must exist (404 otherwise); null means the platform. */
    @WithSession
    public Uni<UUID> knownMerchant(UUID merchantId) {
        return merchantId == null ? Uni.createFrom().nullItem() : merchants.require(merchantId).replaceWith(merchantId);
    }

    @Timeout(10_000)
    public Uni<OrderFigures> orders(UUID merchantId, String from, String to, String granularity) {
        Granularity period = Granularity.parse(granularity);
        DateRange range = DateRange.parse(from, to,
                period == Granularity.HOUR ? config.maxHourlyRangeDays() : config.maxRangeDays());
        return pool.withConnection(c -> queries.hours(c, merchantId, range)
                .chain(hours -> queries.cancellationReasons(c, merchantId, range)
                        .map(reasons -> new OrderFigures(merchantId, range.from(), range.to(), period,
                                periods(hours, period), totals(hours), reasons))));
    }

    @Timeout(10_000)
    public Uni<StageReport> stages(UUID merchantId, String from, String to) {
        DateRange range = DateRange.parse(from, to, config.maxRangeDays());
        return pool.withConnection(c -> queries.stages(c, merchantId, range))
                .map(rows -> StageReports.of(merchantId, range, rows));
    }

    @Timeout(10_000)
    public Uni<AfterSaleReport> afterSales(UUID merchantId, String from, String to) {
        DateRange range = DateRange.parse(from, to, config.maxRangeDays());
        return pool.withConnection(c -> queries.skus(c, merchantId, range)).map(rows -> new AfterSaleReport(
                merchantId, range.from(), range.to(), rows.stream()
                .map(row -> new AfterSaleReport.SkuFigures(row.skuId(), row.unitsSold(), row.afterSaleUnits(),
                        OrderFigures.rate(row.afterSaleUnits(), row.unitsSold()),
                        row.casesByReason().values().stream().mapToLong(Long::longValue).sum(), row.casesByReason()))
                .sorted(Comparator.comparing((AfterSaleReport.SkuFigures sku) -> sku.rate() == null
                        ? java.math.BigDecimal.valueOf(-1) : sku.rate()).reversed()
                        .thenComparing(sku -> sku.skuId().toString()))
                .toList()));
    }

    /** A campaign's funnel (404 for an unknown campaign). */
    @Timeout(10_000)
    public Uni<CampaignFunnel> funnel(UUID campaignId) {
        return campaigns.get(campaignId)
                .chain(() -> pool.withConnection(c -> queries.funnel(c, campaignId)))
                .map(outcomes -> {
                    long accepted = outcomes.getOrDefault("accepted", 0L);
                    long paid = outcomes.getOrDefault("paid", 0L);
                    Map<String, Long> other = new TreeMap<>(outcomes);
                    other.keySet().removeAll(List.of("accepted", "paid", SOLD_OUT));
                    return new CampaignFunnel(campaignId, outcomes.getOrDefault(SOLD_OUT, 0L), other, accepted, paid,
                            OrderFigures.rate(paid, accepted));
                });
    }

    private static List<OrderFigures.Row> periods(List<AnalyticsQueries.HourRow> hours, Granularity granularity) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Instant> periodOf = new LinkedHashMap<>();
        for (AnalyticsQueries.HourRow hour : hours) {
            Instant period = granularity.periodOf(hour.hour());
            String key = period + "/" + hour.currency();
            periodOf.put(key, period);
            add(sums.computeIfAbsent(key, k -> new long[5]), hour);
        }
        List<OrderFigures.Row> rows = new ArrayList<>();
        sums.forEach((key, s) -> rows.add(OrderFigures.Row.of(periodOf.get(key), key.substring(key.indexOf('/') + 1),
                s[0], s[1], s[2], s[3], s[4])));
        return rows;
    }

    private static List<OrderFigures.Row> totals(List<AnalyticsQueries.HourRow> hours) {
        Map<String, long[]> sums = new TreeMap<>();
        hours.forEach(hour -> add(sums.computeIfAbsent(hour.currency(), k -> new long[5]), hour));
        List<OrderFigures.Row> rows = new ArrayList<>();
        sums.forEach((currency, s) -> rows.add(OrderFigures.Row.of(null, currency, s[0], s[1], s[2], s[3], s[4])));
        return rows;
    }

    private static void add(long[] sums, AnalyticsQueries.HourRow hour) {
        sums[0] += hour.placed();
        sums[1] += hour.gmv();
        sums[2] += hour.paid();
        sums[3] += hour.paidAmount();
        sums[4] += hour.cancelled();
    }
}
