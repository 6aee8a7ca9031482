package io.flashorder.pricing.engine;

import io.flashorder.pricing.engine.RandomCarts.Scenario;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.RuleKind;
import io.flashorder.pricing.quote.ShippingQuote;
import io.flashorder.pricing.quote.Totals;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.flashorder.pricing.engine.Fixtures.BUYER;
import static io.flashorder.pricing.engine.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of every quote over random snapshots and carts (see {@link RandomCarts}). */
class PricingEngineProperties {

    private final PricingEngine engine = new PricingEngine();

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RandomCarts.scenarios();
    }

    @Property(tries = 300)
    void allocationsSumExactly(@ForAll("scenarios") Scenario scenario) {
        PriceQuote quote = priceValid(scenario);
        Map<String, Long> byRuleOverLines = new HashMap<>();
        Map<String, Long> byRuleOverMerchants = new HashMap<>();
        for (MerchantOrderQuote order : quote.merchantOrders()) {
            Map<String, Long> merchantRulesOverLines = new HashMap<>();
            for (LineQuote line : order.lines()) {
                assertThat(line.discountTotal()).isEqualTo(sum(line.discounts()));
                for (Discount d : line.discounts()) {
                    merchantRulesOverLines.merge(key(d.kind(), d.ruleId()), d.amount(), Long::sum);
                    byRuleOverLines.merge(key(d.kind(), d.ruleId()), d.amount(), Long::sum);
                }
            }
            Map<String, Long> merchantRules = new HashMap<>();
            for (Discount d : order.discounts()) {
                merchantRules.merge(key(d.kind(), d.ruleId()), d.amount(), Long::sum);
                byRuleOverMerchants.merge(key(d.kind(), d.ruleId()), d.amount(), Long::sum);
            }
            // each rule's merchant total is exactly the sum of its line shares
            assertThat(merchantRulesOverLines).isEqualTo(merchantRules);
            assertThat(order.discountTotal()).isEqualTo(sum(order.discounts()));
        }
        assertThat(byRuleOverMerchants).isEqualTo(byRuleOverLines);
        Map<String, Long> applied = new HashMap<>();
        for (AppliedRule rule : quote.appliedRules()) {
            if (rule.amount() > 0) {
                applied.put(key(rule.kind(), rule.ruleId()), rule.amount());
            }
        }
        // each applied rule's amount is exactly what its merchants (and so its lines) received
        assertThat(applied).isEqualTo(byRuleOverMerchants);
    }

    @Property(tries = 300)
    void noAmountIsEverNegative(@ForAll("scenarios") Scenario scenario) {
        PriceQuote quote = priceValid(scenario);
        for (MerchantOrderQuote order : quote.merchantOrders()) {
            for (LineQuote line : order.lines()) {
                assertThat(line.unitPrice()).isNotNegative();
                assertThat(line.subtotal()).isEqualTo(line.unitPrice() * line.quantity());
                assertThat(line.payable()).isBetween(0L, line.subtotal());
                line.discounts().forEach(d -> assertThat(d.amount()).isPositive());
            }
            order.discounts().forEach(d -> assertThat(d.amount()).isPositive());
            assertThat(order.shipping().fee()).isBetween(0L, order.shipping().standardFee());
            assertThat(order.discountTotal()).isBetween(0L, order.subtotal());
            assertThat(order.payable()).isNotNegative();
        }
        quote.appliedRules().forEach(rule -> assertThat(rule.amount()).isNotNegative());
        assertThat(quote.totals().discount()).isBetween(0L, quote.totals().subtotal());
        assertThat(quote.totals().payable()).isNotNegative();
    }

    @Property(tries = 300)
    void totalsAddUp(@ForAll("scenarios") Scenario scenario) {
        PriceQuote quote = priceValid(scenario);
        long merchantPayables = 0;
        long linePayables = 0;
        long lineSubtotals = 0;
        long shipping = 0;
        for (MerchantOrderQuote order : quote.merchantOrders()) {
            long orderLinePayables = order.lines().stream().mapToLong(LineQuote::payable).sum();
            long orderLineSubtotals = order.lines().stream().mapToLong(LineQuote::subtotal).sum();
            assertThat(order.subtotal()).isEqualTo(orderLineSubtotals);
            assertThat(order.payable()).isEqualTo(orderLinePayables + order.shipping().fee());
            assertThat(order.payable()).isEqualTo(order.subtotal() - order.discountTotal() + order.shipping().fee());
            merchantPayables += order.payable();
            linePayables += orderLinePayables;
            lineSubtotals += orderLineSubtotals;
            shipping += order.shipping().fee();
        }
        Totals totals = quote.totals();
        assertThat(totals.payable()).isEqualTo(merchantPayables);
        assertThat(totals.payable()).isEqualTo(linePayables + totals.shipping());
        assertThat(totals.payable()).isEqualTo(totals.subtotal() - totals.discount() + totals.shipping());
        assertThat(totals.subtotal()).isEqualTo(lineSubtotals);
        assertThat(totals.shipping()).isEqualTo(shipping);
        assertThat(totals.discount()).isEqualTo(quote.appliedRules().stream().mapToLong(AppliedRule::amount).sum());
    }

    @Property(tries = 300)
    void freeShippingExactlyWhenGoodsReachTheThreshold(@ForAll("scenarios") Scenario scenario) {
        PriceQuote quote = priceValid(scenario);
        for (MerchantOrderQuote order : quote.merchantOrders()) {
            ShippingQuote shipping = order.shipping();
            long goods = order.subtotal() - order.discountTotal();
            boolean reached = shipping.freeShippingThreshold() != null && goods >= shipping.freeShippingThreshold();
            assertThat(shipping.freeShipping()).isEqualTo(reached);
            assertThat(shipping.fee()).isEqualTo(reached ? 0 : shipping.standardFee());
        }
    }

    @Property(tries = 300)
    void independentOfLineAndCouponOrder(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        PricingSnapshot snapshot = scenario.snapshot();
        CartRequest cart = scenario.cart();
        PriceQuote quote = priceValid(scenario);
        assertThat(engine.price(snapshot, shuffled(cart, new Random(seed)), NOW)).isEqualTo(quote);
    }

    @Property(tries = 200)
    void sameInputSameOutput(@ForAll("scenarios") Scenario scenario) {
        PriceQuote first = priceValid(scenario);
        assertThat(engine.price(scenario.snapshot(), scenario.cart(), NOW)).isEqualTo(first);
        // the same catalog assembled in the opposite order is the same input
        assertThat(engine.price(scenario.snapshot(true), scenario.cart(), NOW)).isEqualTo(first);
    }

    /**
     * With faults injected (unknown SKU, duplicate line with quantity 0, someone else's coupon, unknown coupon),
     * the engine either prices or refuses, and what it does and which item it names do not depend on order.
     */
    @Property(tries = 300)
    void refusalsDoNotDependOnOrderEither(@ForAll("scenarios") Scenario scenario, @ForAll long seed,
                                          @ForAll boolean unknownSku, @ForAll boolean zeroQuantityDuplicate,
                                          @ForAll boolean foreignCoupon, @ForAll boolean unknownCoupon) {
        PricingSnapshot snapshot = scenario.snapshot();
        CartRequest clean = scenario.cart();
        List<CartLine> lines = new ArrayList<>(clean.lines());
        List<UUID> coupons = new ArrayList<>(clean.couponIds());
        Map<UUID, Coupon> allCoupons = new HashMap<>(snapshot.coupons());
        if (unknownSku) {
            lines.add(new CartLine(Fixtures.id("sku-unknown"), 1));
        }
        if (zeroQuantityDuplicate) {
            lines.add(new CartLine(lines.get(0).skuId(), 0));
        }
        if (foreignCoupon) {
            UUID foreign = Fixtures.id("cp-foreign");
            allCoupons.put(foreign, new Coupon(foreign, Fixtures.id("no-template"), "someone-else",
                    CouponState.AVAILABLE));
            coupons.add(foreign);
        }
        if (unknownCoupon) {
            coupons.add(Fixtures.id("cp-unknown"));
        }
        PricingSnapshot withCoupons = new PricingSnapshot(snapshot.skus(), snapshot.campaigns(), snapshot.memberTiers(),
                snapshot.merchants(), snapshot.couponTemplates(), allCoupons);
        CartRequest cart = new CartRequest(BUYER, clean.memberTier(), clean.campaignId(), clean.regionCode(), lines,
                coupons);
        assertThat(outcome(withCoupons, shuffled(cart, new Random(seed)))).isEqualTo(outcome(withCoupons, cart));
    }

    private Object outcome(PricingSnapshot snapshot, CartRequest cart) {
        try {
            return engine.price(snapshot, cart, NOW);
        } catch (PricingException refused) {
            return refused.code() + " " + refused.subjectId();
        }
    }

    /** Prices a generated scenario; a random minimum spend may legitimately not be met, skip those. */
    private PriceQuote priceValid(Scenario scenario) {
        try {
            return engine.price(scenario.snapshot(), scenario.cart(), NOW);
        } catch (PricingException e) {
            Assume.that(e.code().equals("coupon-min-spend-not-met"));
            Assume.that(false);
            throw e;
        }
    }

    private static CartRequest shuffled(CartRequest cart, Random random) {
        List<CartLine> lines = new ArrayList<>(cart.lines());
        List<UUID> coupons = new ArrayList<>(cart.couponIds());
        Collections.shuffle(lines, random);
        Collections.shuffle(coupons, random);
        return new CartRequest(cart.buyerUserId(), cart.memberTier(), cart.campaignId(), cart.regionCode(), lines,
                coupons);
    }

    private static long sum(List<Discount> discounts) {
        return discounts.stream().mapToLong(Discount::amount).sum();
    }

    private static String key(RuleKind kind, String ruleId) {
        return kind + "/" + ruleId;
    }

}
