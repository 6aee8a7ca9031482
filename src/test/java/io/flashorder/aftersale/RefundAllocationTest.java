package io.flashorder.aftersale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact refunds: no sequence of partial refunds gives back more than was paid; all of them give back exactly that. */
class RefundAllocationTest {

    record Line(int bought, long payable) {
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.longs().between(0, 5_000_000))
                .as(Line::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 500)
    void anySequenceOfPartialRefundsStaysWithinWhatWasPaidAndAllOfThemEqualIt(
            @ForAll("lines") List<Line> lines, @ForAll @LongRange(min = 0, max = 3_000) long shippingFee,
            @ForAll boolean beforeShipment, @ForAll long seed) {
        Random random = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        lines.forEach(line -> ids.add(UUID.randomUUID()));
        Map<UUID, Integer> taken = new HashMap<>();
        long paid = lines.stream().mapToLong(Line::payable).sum() + (beforeShipment ? shippingFee : 0);
        long refunded = 0;
        while (taken.values().stream().mapToInt(Integer::intValue).sum()
                < lines.stream().mapToInt(Line::bought).sum()) {
            // One case: some units of some lines that still have units left.
            Map<UUID, Integer> asked = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                int left = lines.get(i).bought() - taken.getOrDefault(ids.get(i), 0);
                if (left > 0 && random.nextBoolean()) {
                    asked.put(ids.get(i), 1 + random.nextInt(left));
                }
            }
            if (asked.isEmpty()) {
                continue;
            }
            List<RefundAllocation.LineState> states = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                states.add(new RefundAllocation.LineState(ids.get(i), lines.get(i).bought(), lines.get(i).payable(),
                        taken.getOrDefault(ids.get(i), 0)));
            }
            RefundAllocation.Quote quote = RefundAllocation.quote(states, asked, shippingFee, beforeShipment);
            assertThat(quote.lineRefunds().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(quote.goods());
            asked.forEach((line, units) -> taken.merge(line, units, Integer::sum));
            refunded += quote.total();
            assertThat(refunded).isLessThanOrEqualTo(paid);
        }
        assertThat(refunded).isEqualTo(paid);
    }

    @Property(tries = 300)
    void aLineIsWorthItsPayableUnitByUnit(@ForAll @IntRange(min = 1, max = 99) int bought,
                                          @ForAll @LongRange(min = 0, max = 10_000_000) long payable) {
        long sum = 0;
        long first = RefundAllocation.share(payable, bought, 0, 1);
        for (int unit = 0; unit < bought; unit++) {
            long share = RefundAllocation.share(payable, bought, unit, 1);
            assertThat(share).isBetween(payable / bought, payable / bought + 1).isLessThanOrEqualTo(first);
            sum += share;
        }
        assertThat(sum).isEqualTo(payable);
    }

    @Example
    void theMinorUnitsLeftOverGoToTheFirstUnitsRefunded() {
        // 1000 paid for 3 units: 334 + 333 + 333.
        assertThat(RefundAllocation.share(1000, 3, 0, 1)).isEqualTo(334);
        assertThat(RefundAllocation.share(1000, 3, 1, 2)).isEqualTo(666);
        assertThat(RefundAllocation.share(1000, 3, 0, 3)).isEqualTo(1000);
    }

    @Example
    void shippingComesBackOnlyWithTheCaseThatTakesTheWholeMerchantOrderBeforeShipment() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<RefundAllocation.LineState> fresh = List.of(new RefundAllocation.LineState(a, 2, 5000, 0),
                new RefundAllocation.LineState(b, 1, 1999, 0));
        assertThat(RefundAllocation.quote(fresh, Map.of(a, 2), 500, true).shipping()).isZero();
        assertThat(RefundAllocation.quote(fresh, Map.of(a, 2, b, 1), 500, true).total()).isEqualTo(7499);
        assertThat(RefundAllocation.quote(fresh, Map.of(a, 2, b, 1), 500, false).total()).isEqualTo(6999);
        List<RefundAllocation.LineState> partly = List.of(new RefundAllocation.LineState(a, 2, 5000, 2),
                new RefundAllocation.LineState(b, 1, 1999, 0));
        assertThat(RefundAllocation.quote(partly, Map.of(b, 1), 500, true).total()).isEqualTo(2499);
    }

    @Example
    void moreUnitsThanLeftOrAForeignLineAreRefused() {
        UUID a = UUID.randomUUID();
        List<RefundAllocation.LineState> lines = List.of(new RefundAllocation.LineState(a, 2, 5000, 1));
        assertThatThrownBy(() -> RefundAllocation.quote(lines, Map.of(a, 2), 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundAllocation.quote(lines, Map.of(UUID.randomUUID(), 1), 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
