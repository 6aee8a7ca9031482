package io.flashorder.analytics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RollupTotalsTest {

    private static final UUID MERCHANT = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final UUID OTHER_MERCHANT = UUID.fromString("f0000000-0000-7000-8000-000000000002");
    private static final UUID CAMPAIGN = UUID.fromString("00000000-0000-7000-8000-000000000004");
    private static final UUID SKU = UUID.fromString("00000000-0000-7000-8000-000000000006");
    private static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void countsOfOneRowAddUpAndTablesSharingARowMergeTheirColumns() {
        RollupTotals totals = RollupTotals.of(List.of(
                new RollupCount.Placed(MERCHANT, HOUR, "EUR", 1_000),
                new RollupCount.Placed(MERCHANT, HOUR, "EUR", 250),
                new RollupCount.Paid(MERCHANT, HOUR, "EUR", 1_000),
                new RollupCount.Cancelled(MERCHANT, HOUR, "EUR", "buyer"),
                new RollupCount.Cancelled(MERCHANT, HOUR, "EUR", "buyer"),
                new RollupCount.SkuSold(MERCHANT, DAY, SKU, 3),
                new RollupCount.CaseOpened(MERCHANT, DAY, "DAMAGED", List.of(new OrderFact.SkuUnits(SKU, 2))),
                new RollupCount.StageTime(MERCHANT, DAY, Stage.PLACED_TO_PAID, null, null, Duration.ofMinutes(3)),
                new RollupCount.StageTime(MERCHANT, DAY, Stage.PLACED_TO_PAID, null, null, Duration.ofMinutes(3)
                        .plusMillis(1))));

        assertThat(totals.orderHours()).containsExactly(
                new RollupTotals.OrderHour(MERCHANT, HOUR, "EUR", 2, 1_250, 1, 1_000, 2));
        assertThat(totals.cancelReasons()).containsExactly(new RollupTotals.CancelReason(MERCHANT, HOUR, "buyer", 2));
        assertThat(totals.skuDays()).containsExactly(new RollupTotals.SkuDay(MERCHANT, DAY, SKU, 3, 2));
        assertThat(totals.afterSaleReasons())
                .containsExactly(new RollupTotals.AfterSaleReason(MERCHANT, DAY, SKU, "DAMAGED", 1, 2));
        short bucket = (short) DurationBuckets.bucketOf(Duration.ofMinutes(3));
        assertThat(totals.stageBuckets()).containsExactly(new RollupTotals.StageBucket(MERCHANT, DAY,
                "PLACED_TO_PAID", RollupWriter.NO_WAREHOUSE, RollupWriter.NO_CARRIER, bucket, 2, 360_001));
    }

    @Test
    void aCampaignOrderIsCountedOncePerOutcome() {
        UUID order = UUID.randomUUID();
        RollupTotals totals = RollupTotals.of(List.of(new RollupCount.CampaignOrder(CAMPAIGN, order, false),
                new RollupCount.CampaignOrder(CAMPAIGN, order, true),
                new RollupCount.CampaignOrder(CAMPAIGN, order, false)));

        assertThat(totals.acceptedOrders()).containsExactly(new RollupTotals.CampaignOrder(order, CAMPAIGN));
        assertThat(totals.paidOrders()).containsExactly(new RollupTotals.CampaignOrder(order, CAMPAIGN));
    }

    /** The rows (and their order, which locks follow) do not depend on the order the counts came in. */
    @Property(tries = 200)
    void rowsAreTheSameWhateverTheOrderOfTheCounts(@ForAll @IntRange(min = 1, max = 40) int size,
                                                   @ForAll long seed) {
        Random random = new Random(seed);
        List<RollupCount> counts = new ArrayList<>();
        long gmv = 0;
        for (int i = 0; i < size; i++) {
            UUID merchant = random.nextBoolean() ? MERCHANT : OTHER_MERCHANT;
            long amount = random.nextInt(10_000);
            gmv += amount;
            counts.add(new RollupCount.Placed(merchant, HOUR.plus(Duration.ofHours(random.nextInt(3))), "EUR",
                    amount));
        }
        List<RollupCount> shuffled = new ArrayList<>(counts);
        Collections.shuffle(shuffled, random);

        List<RollupTotals.OrderHour> rows = RollupTotals.of(counts).orderHours();
        assertThat(RollupTotals.of(shuffled).orderHours()).isEqualTo(rows);
        assertThat(rows.stream().mapToLong(RollupTotals.OrderHour::placed).sum()).isEqualTo(size);
        assertThat(rows.stream().mapToLong(RollupTotals.OrderHour::gmv).sum()).isEqualTo(gmv);
        // PostgreSQL's uuid order: the merchant whose first byte is 0xf0 comes last (Java's signed order says first).
        assertThat(rows.getLast().merchantId()).isEqualTo(rows.stream().anyMatch(r -> r.merchantId()
                .equals(OTHER_MERCHANT)) ? OTHER_MERCHANT : MERCHANT);
    }
}
