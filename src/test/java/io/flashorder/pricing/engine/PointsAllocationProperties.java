package io.flashorder.pricing.engine;

import io.flashorder.pricing.engine.RandomCarts.Scenario;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PointsRedemption;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.RuleKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static io.flashorder.pricing.engine.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Member points over random carts and rates: the points discount is spread over lines like a coupon (largest
 * remainder), every line's share is a whole number of granules (exact in points and money), the shares add up to
 * exactly the points spent, nothing else in the quote moves, and the cap is exact.
 */
class PointsAllocationProperties {

    private final PricingEngine engine = new PricingEngine();

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomCarts.scenarios();
    }

    @Provide
    Arbitrary<long[]> rates() {
        return Arbitraries.of(new long[] {100, 100}, new long[] {100, 1}, new long[] {1, 100}, new long[] {3, 2},
                new long[] {10, 7}, new long[] {250, 100});
    }

    @Property(tries = 400)
    void thePointsDiscountIsExactPerLineAndChangesNothingElse(@ForAll("scenarios") Scenario scenario,
                                                               @ForAll("rates") long[] rate,
                                                               @ForAll @IntRange(min = 0, max = 10_000) int capBp,
                                                               @ForAll @IntRange(min = 0, max = 1_000) int permille) {
        PriceQuote without = priceOrSkip(scenario.cart(), scenario);
        PointsRedemption probe = new PointsRedemption(0, rate[0], rate[1], capBp);
        long granularity = probe.pointsGranularity();
        long granuleValue = probe.granuleValue();
        long maxPoints = maxPoints(without, probe);
        long points = maxPoints / granularity * permille / 1_000 * granularity;
        PriceQuote with = engine.price(scenario.snapshot(), withPoints(scenario.cart(),
                new PointsRedemption(points, rate[0], rate[1], capBp)), NOW);

        long pointsOverLines = 0;
        long moneyOverLines = 0;
        for (int m = 0; m < with.merchantOrders().size(); m++) {
            MerchantOrderQuote before = without.merchantOrders().get(m);
            MerchantOrderQuote after = with.merchantOrders().get(m);
            assertThat(after.shipping()).isEqualTo(before.shipping());
            long merchantPoints = 0;
            for (int i = 0; i < after.lines().size(); i++) {
                LineQuote lineBefore = before.lines().get(i);
                LineQuote lineAfter = after.lines().get(i);
                long share = lineAfter.discounts().stream().filter(d -> d.kind() == RuleKind.POINTS)
                        .mapToLong(Discount::amount).sum();
                assertThat(share % granuleValue).isZero();
                assertThat(share).isBetween(0L, lineBefore.payable());
                assertThat(lineAfter.payable()).isEqualTo(lineBefore.payable() - share);
                assertThat(lineAfter.discounts().stream().filter(d -> d.kind() != RuleKind.POINTS).toList())
                        .isEqualTo(lineBefore.discounts());
                pointsOverLines += share / granuleValue * granularity;
                moneyOverLines += share;
                merchantPoints += share;
            }
            long recorded = after.discounts().stream().filter(d -> d.kind() == RuleKind.POINTS)
                    .mapToLong(Discount::amount).sum();
            assertThat(recorded).isEqualTo(merchantPoints);
        }
        assertThat(pointsOverLines).isEqualTo(points);
        assertThat(moneyOverLines).isEqualTo(points / granularity * granuleValue);
        assertThat(with.totals().discount()).isEqualTo(without.totals().discount() + moneyOverLines);
        assertThat(with.totals().payable()).isEqualTo(without.totals().payable() - moneyOverLines);
        long applied = with.appliedRules().stream().filter(r -> r.kind() == RuleKind.POINTS)
                .mapToLong(r -> r.amount()).sum();
        assertThat(applied).isEqualTo(moneyOverLines);
    }

    @Property(tries = 200)
    void theCapIsExact(@ForAll("scenarios") Scenario scenario, @ForAll("rates") long[] rate,
                       @ForAll @IntRange(min = 0, max = 10_000) int capBp) {
        PriceQuote without = priceOrSkip(scenario.cart(), scenario);
        PointsRedemption probe = new PointsRedemption(0, rate[0], rate[1], capBp);
        long maxPoints = maxPoints(without, probe);
        engine.price(scenario.snapshot(), withPoints(scenario.cart(),
                new PointsRedemption(maxPoints, rate[0], rate[1], capBp)), NOW);
        assertThatThrownBy(() -> engine.price(scenario.snapshot(), withPoints(scenario.cart(),
                new PointsRedemption(maxPoints + probe.pointsGranularity(), rate[0], rate[1], capBp)), NOW))
                .isInstanceOfSatisfying(PricingException.class, refused -> {
                    assertThat(refused.code()).isEqualTo("points-over-cap");
                    assertThat(refused.subjectId()).isEqualTo(Long.toString(maxPoints));
                });
        if (probe.pointsGranularity() > 1) {
            assertThatThrownBy(() -> engine.price(scenario.snapshot(), withPoints(scenario.cart(),
                    new PointsRedemption(1, rate[0], rate[1], capBp)), NOW))
                    .isInstanceOfSatisfying(PricingException.class,
                            refused -> assertThat(refused.code()).isEqualTo("points-not-in-steps"));
        }
    }

    /** The most points the cart takes: the cap on the goods still owed, within what whole granules fit per line. */
    private static long maxPoints(PriceQuote without, PointsRedemption rate) {
        long owed = 0;
        long fits = 0;
        for (MerchantOrderQuote order : without.merchantOrders()) {
            for (LineQuote line : order.lines()) {
                owed += line.payable();
                fits += line.payable() / rate.granuleValue();
            }
        }
        long capped = java.math.BigInteger.valueOf(owed).multiply(java.math.BigInteger.valueOf(rate.maxShareBasisPoints()))
                .divide(java.math.BigInteger.valueOf(10_000L * rate.granuleValue())).longValueExact();
        return Math.min(fits, capped) * rate.pointsGranularity();
    }

    private PriceQuote priceOrSkip(CartRequest cart, Scenario scenario) {
        try {
            return engine.price(scenario.snapshot(), cart, NOW);
        } catch (PricingException e) {
            Assume.that(false);
            throw e;
        }
    }

    private static CartRequest withPoints(CartRequest cart, PointsRedemption points) {
        return new CartRequest(cart.buyerUserId(), cart.memberTier(), cart.campaignId(), cart.regionCode(),
                cart.lines(), cart.couponIds(), points);
    }
}
