package io.flashorder.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The counts of a batch of events merged per rollup row: counts and sums add, so one upsert per row adds exactly
 * what one upsert per count would. Each table's rows come out in one global key order ({@link #UUIDS}: PostgreSQL's
 * own uuid order), so transactions of several consumers lock shared rows in the same order and never deadlock.
 * A campaign's orders are not added but deduplicated: each is counted accepted (and paid) once by the database;
 * those accepted with their only merchant order are added ({@link RollupCount.CampaignAccepted}).
 */
final class RollupTotals {

    /** PostgreSQL's uuid order (unsigned bytes); {@link UUID#compareTo} compares signed halves. */
    static final Comparator<UUID> UUIDS = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /** A row of analytics_order_hourly: orders placed in an hour, their GMV, how many were paid or cancelled. */
    record OrderHour(UUID merchantId, Instant hour, String currency, long placed, long gmv, long paid, long paidAmount,
                     long cancelled) {
    }

    record CancelReason(UUID merchantId, Instant hour, String reason, long cancelled) {
    }

    record SkuDay(UUID merchantId, Instant day, UUID skuId, long unitsSold, long afterSaleUnits) {
    }

    record AfterSaleReason(UUID merchantId, Instant day, UUID skuId, String reason, long cases, long units) {
    }

    /** One histogram bucket of a stage's durations (warehouse and carrier resolved to their stored placeholders). */
    record StageBucket(UUID merchantId, Instant day, String stage, UUID warehouseId, String carrier, short bucket,
                       long observations, long totalMillis) {
    }

    record CampaignOrder(UUID orderId, UUID campaignId) {
    }

    private static final Comparator<OrderHour> ORDER_HOURS = Comparator.comparing(OrderHour::merchantId, UUIDS)
            .thenComparing(OrderHour::hour).thenComparing(OrderHour::currency);
    private static final Comparator<CancelReason> CANCEL_REASONS = Comparator.comparing(CancelReason::merchantId,
            UUIDS).thenComparing(CancelReason::hour).thenComparing(CancelReason::reason);
    private static final Comparator<SkuDay> SKU_DAYS = Comparator.comparing(SkuDay::merchantId, UUIDS)
            .thenComparing(SkuDay::day).thenComparing(SkuDay::skuId, UUIDS);
    private static final Comparator<AfterSaleReason> AFTER_SALE_REASONS = Comparator.comparing(
                    AfterSaleReason::merchantId, UUIDS).thenComparing(AfterSaleReason::day)
            .thenComparing(AfterSaleReason::skuId, UUIDS).thenComparing(AfterSaleReason::reason);
    private static final Comparator<StageBucket> STAGE_BUCKETS = Comparator.comparing(StageBucket::merchantId, UUIDS)
            .thenComparing(StageBucket::day).thenComparing(StageBucket::stage)
            .thenComparing(StageBucket::warehouseId, UUIDS).thenComparing(StageBucket::carrier)
            .thenComparing(StageBucket::bucket);

    private final Map<List<Object>, OrderHour> orderHours = new LinkedHashMap<>();
    private final Map<List<Object>, CancelReason> cancelReasons = new LinkedHashMap<>();
    private final Map<List<Object>, SkuDay> skuDays = new LinkedHashMap<>();
    private final Map<List<Object>, AfterSaleReason> afterSaleReasons = new LinkedHashMap<>();
    private final Map<List<Object>, StageBucket> stageBuckets = new LinkedHashMap<>();
    private final Map<UUID, CampaignOrder> accepted = new TreeMap<>(UUIDS);
    private final Map<UUID, CampaignOrder> paid = new TreeMap<>(UUIDS);
    private final Map<UUID, Long> acceptedAlone = new TreeMap<>(UUIDS);

    static RollupTotals of(List<RollupCount> counts) {
        RollupTotals totals = new RollupTotals();
        counts.forEach(totals::add);
        return totals;
    }

    private void add(RollupCount count) {
        switch (count) {
            case RollupCount.Placed p -> orderHours.merge(List.of(p.merchantId(), p.hour(), p.currency()),
                    new OrderHour(p.merchantId(), p.hour(), p.currency(), 1, p.amount(), 0, 0, 0), RollupTotals::sum);
            case RollupCount.Paid p -> orderHours.merge(List.of(p.merchantId(), p.hour(), p.currency()),
                    new OrderHour(p.merchantId(), p.hour(), p.currency(), 0, 0, 1, p.amount(), 0), RollupTotals::sum);
            case RollupCount.Cancelled c -> {
                orderHours.merge(List.of(c.merchantId(), c.hour(), c.currency()),
                        new OrderHour(c.merchantId(), c.hour(), c.currency(), 0, 0, 0, 0, 1), RollupTotals::sum);
                cancelReasons.merge(List.of(c.merchantId(), c.hour(), c.reason()),
                        new CancelReason(c.merchantId(), c.hour(), c.reason(), 1),
                        (a, b) -> new CancelReason(a.merchantId(), a.hour(), a.reason(),
                                a.cancelled() + b.cancelled()));
            }
            case RollupCount.SkuSold s -> skuDays.merge(List.of(s.merchantId(), s.day(), s.skuId()),
                    new SkuDay(s.merchantId(), s.day(), s.skuId(), s.units(), 0), RollupTotals::sum);
            case RollupCount.CaseOpened c -> c.lines().forEach(line -> {
                skuDays.merge(List.of(c.merchantId(), c.day(), line.skuId()),
                        new SkuDay(c.merchantId(), c.day(), line.skuId(), 0, line.quantity()), RollupTotals::sum);
                afterSaleReasons.merge(List.of(c.merchantId(), c.day(), line.skuId(), c.reason()),
                        new AfterSaleReason(c.merchantId(), c.day(), line.skuId(), c.reason(), 1, line.quantity()),
                        (a, b) -> new AfterSaleReason(a.merchantId(), a.day(), a.skuId(), a.reason(),
                                a.cases() + b.cases(), a.units() + b.units()));
            });
            case RollupCount.StageTime t -> {
                UUID warehouse = t.warehouseId() == null ? RollupWriter.NO_WAREHOUSE : t.warehouseId();
                String carrier = t.carrier() == null ? RollupWriter.NO_CARRIER : t.carrier();
                short bucket = (short) DurationBuckets.bucketOf(t.duration());
                long millis = Math.max(0, t.duration().toMillis());
                stageBuckets.merge(List.of(t.merchantId(), t.day(), t.stage().name(), warehouse, carrier, bucket),
                        new StageBucket(t.merchantId(), t.day(), t.stage().name(), warehouse, carrier, bucket, 1,
                                millis),
                        (a, b) -> new StageBucket(a.merchantId(), a.day(), a.stage(), a.warehouseId(), a.carrier(),
                                a.bucket(), a.observations() + b.observations(), a.totalMillis() + b.totalMillis()));
            }
            case RollupCount.CampaignOrder c -> (c.paid() ? paid : accepted)
                    .putIfAbsent(c.orderId(), new CampaignOrder(c.orderId(), c.campaignId()));
            case RollupCount.CampaignAccepted c -> acceptedAlone.merge(c.campaignId(), 1L, Long::sum);
        }
    }

    private static OrderHour sum(OrderHour a, OrderHour b) {
        return new OrderHour(a.merchantId(), a.hour(), a.currency(), a.placed() + b.placed(), a.gmv() + b.gmv(),
                a.paid() + b.paid(), a.paidAmount() + b.paidAmount(), a.cancelled() + b.cancelled());
    }

    private static SkuDay sum(SkuDay a, SkuDay b) {
        return new SkuDay(a.merchantId(), a.day(), a.skuId(), a.unitsSold() + b.unitsSold(),
                a.afterSaleUnits() + b.afterSaleUnits());
    }

    List<OrderHour> orderHours() {
        return sorted(orderHours.values(), ORDER_HOURS);
    }

    List<CancelReason> cancelReasons() {
        return sorted(cancelReasons.values(), CANCEL_REASONS);
    }

    List<SkuDay> skuDays() {
        return sorted(skuDays.values(), SKU_DAYS);
    }

    List<AfterSaleReason> afterSaleReasons() {
        return sorted(afterSaleReasons.values(), AFTER_SALE_REASONS);
    }

    List<StageBucket> stageBuckets() {
        return sorted(stageBuckets.values(), STAGE_BUCKETS);
    }

    /** Orders counted accepted by their campaign (each once), in order id order. */
    List<CampaignOrder> acceptedOrders() {
        return List.copyOf(accepted.values());
    }

    /** Orders accepted with their only merchant order, by campaign in campaign id order (added as they are). */
    Map<UUID, Long> acceptedAlone() {
        return acceptedAlone;
    }

    /** Orders counted paid by their campaign (each once), in order id order. */
    List<CampaignOrder> paidOrders() {
        return List.copyOf(paid.values());
    }

    private static <T> List<T> sorted(Collection<T> rows, Comparator<T> order) {
        List<T> list = new ArrayList<>(rows);
        list.sort(order);
        return list;
    }
}
