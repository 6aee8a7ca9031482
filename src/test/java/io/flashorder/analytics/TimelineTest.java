package io.flashorder.analytics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private static final UUID MERCHANT_ORDER = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID MERCHANT = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final UUID ORDER = UUID.fromString("00000000-0000-7000-8000-000000000003");
    private static final UUID CAMPAIGN = UUID.fromString("00000000-0000-7000-8000-000000000004");
    private static final UUID WAREHOUSE = UUID.fromString("00000000-0000-7000-8000-000000000005");
    private static final UUID SKU = UUID.fromString("00000000-0000-7000-8000-000000000006");
    private static final Instant PLACED = Instant.parse("2026-03-01T10:15:00Z");

    /** One merchant order's whole life, in the order it happened. */
    private static final List<OrderFact.OfMerchantOrder> LIFE = List.of(
            new OrderFact.Placed(MERCHANT_ORDER, MERCHANT, ORDER, CAMPAIGN, "EUR", 12_900, WAREHOUSE,
                    List.of(new OrderFact.SkuUnits(SKU, 3)), PLACED, false),
            new OrderFact.Paid(MERCHANT_ORDER, MERCHANT, PLACED.plus(Duration.ofMinutes(4))),
            new OrderFact.Shipped(MERCHANT_ORDER, MERCHANT, "SBX-EXPRESS", PLACED.plus(Duration.ofHours(20))),
            new OrderFact.Delivered(MERCHANT_ORDER, MERCHANT, PLACED.plus(Duration.ofDays(2))),
            new OrderFact.Completed(MERCHANT_ORDER, MERCHANT, PLACED.plus(Duration.ofDays(3))));

    private static List<RollupCount> replay(List<OrderFact.OfMerchantOrder> facts) {
        Timeline timeline = Timeline.empty(MERCHANT_ORDER, MERCHANT);
        List<RollupCount> counts = new ArrayList<>();
        for (OrderFact.OfMerchantOrder fact : facts) {
            Timeline after = timeline.with(fact);
            counts.addAll(after.countsSince(timeline));
            timeline = after;
        }
        return counts;
    }

    @Test
    void aLifeInOrderCountsEachFigureOnceWithItsDurationWarehouseAndCarrier() {
        List<RollupCount> counts = replay(LIFE);
        Instant hour = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(counts).containsExactlyInAnyOrder(
                new RollupCount.Placed(MERCHANT, hour, "EUR", 12_900),
                new RollupCount.CampaignOrder(CAMPAIGN, ORDER, false),
                new RollupCount.Paid(MERCHANT, hour, "EUR", 12_900),
                new RollupCount.SkuSold(MERCHANT, Instant.parse("2026-03-01T00:00:00Z"), SKU, 3),
                new RollupCount.CampaignOrder(CAMPAIGN, ORDER, true),
                new RollupCount.StageTime(MERCHANT, Instant.parse("2026-03-01T00:00:00Z"), Stage.PLACED_TO_PAID,
                        WAREHOUSE, null, Duration.ofMinutes(4)),
                new RollupCount.StageTime(MERCHANT, Instant.parse("2026-03-02T00:00:00Z"), Stage.PAID_TO_SHIPPED,
                        WAREHOUSE, "SBX-EXPRESS", Duration.ofHours(20).minusMinutes(4)),
                new RollupCount.StageTime(MERCHANT, Instant.parse("2026-03-03T00:00:00Z"),
                        Stage.SHIPPED_TO_DELIVERED, WAREHOUSE, "SBX-EXPRESS", Duration.ofHours(28)),
                new RollupCount.StageTime(MERCHANT, Instant.parse("2026-03-04T00:00:00Z"),
                        Stage.DELIVERED_TO_COMPLETED, WAREHOUSE, "SBX-EXPRESS", Duration.ofDays(1)));
    }

    @Property
    void anyArrivalOrderWithRepeatsCountsTheSame(
            @ForAll @Size(min = 5, max = 5) @UniqueElements List<@net.jqwik.api.constraints.IntRange(max = 4) Integer>
                    order,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 4) int repeated) {
        List<OrderFact.OfMerchantOrder> arrival = new ArrayList<>();
        order.forEach(i -> arrival.add(LIFE.get(i)));
        arrival.add(LIFE.get(repeated)); // delivered again (at least once)
        assertThat(replay(arrival)).containsExactlyInAnyOrderElementsOf(replay(LIFE));
    }

    @Test
    void nothingIsCountedBeforeThePlacementIsKnown() {
        Timeline empty = Timeline.empty(MERCHANT_ORDER, MERCHANT);
        Timeline paid = empty.with(LIFE.get(1));
        assertThat(paid.countsSince(empty)).isEmpty();
        assertThat(paid.with(LIFE.get(2)).countsSince(paid)).isEmpty();
    }

    @Test
    void aCancellationCountsItsReasonCategoryNeverTheBuyersText() {
        assertThat(OrderFacts.cancelReason("buyer:alice")).isEqualTo("buyer");
        assertThat(OrderFacts.cancelReason("system:payment-deadline")).isEqualTo("payment-deadline");
        Timeline placed = Timeline.empty(MERCHANT_ORDER, MERCHANT).with(LIFE.get(0));
        Timeline cancelled = placed.with(new OrderFact.Cancelled(MERCHANT_ORDER, MERCHANT, "buyer", PLACED));
        assertThat(cancelled.countsSince(placed)).containsExactly(
                new RollupCount.Cancelled(MERCHANT, Instant.parse("2026-03-01T10:00:00Z"), "EUR", "buyer"));
    }
}
