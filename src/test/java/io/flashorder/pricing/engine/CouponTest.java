package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.RuleKind;
import org.junit.jupiter.api.Test;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class CouponTest {

    private static PricingSnapshot.Builder base() {
        return PricingSnapshot.builder()
                .sku(sku("sku-a1", "m-a", 100_00, 0))
                .sku(sku("sku-a2", "m-a", 50_00, 0))
                .sku(sku("sku-b1", "m-b", 50_00, 0))
                .sku(sku("sku-b2", "m-b", 80_00, 0))
                .sku(sku("sku-c1", "m-c", 5_00, 0))
                .shippingTemplate(flatShipping("m-a", 0))
                .shippingTemplate(flatShipping("m-b", 0))
                .shippingTemplate(flatShipping("m-c", 0));
    }

    @Test
    void merchantFixedCouponOnItsMerchantOnly() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("a-15-off", "m-a", 15_00, 100_00L))
                .coupon(owned("cp-1", "a-15-off"))
                .build();
        PriceQuote quote = price(snapshot, withCoupons(cart(line("sku-a1", 1), line("sku-a2", 1), line("sku-b1", 1)),
                "cp-1"));
        // m-a: 150.00 ≥ 100.00 → 15.00 off, spread 100:50 → 10.00 / 5.00 ; m-b untouched
        assertThat(discountOn(lineOf(quote, "sku-a1"), RuleKind.MERCHANT_COUPON)).isEqualTo(10_00);
        assertThat(discountOn(lineOf(quote, "sku-a2"), RuleKind.MERCHANT_COUPON)).isEqualTo(5_00);
        assertThat(orderOf(quote, "m-b").discountTotal()).isZero();
        assertThat(quote.appliedRules()).containsExactly(
                new AppliedRule(RuleKind.MERCHANT_COUPON, id("cp-1").toString(), "a-15-off coupon", id("m-a"), 15_00));
    }

    @Test
    void percentCouponIsCapped() {
        PricingSnapshot snapshot = base()
                .couponTemplate(percentCoupon("b-20pct", "m-b", 2_000, 20_00L, null))
                .coupon(owned("cp-capped", "b-20pct"))
                .build();
        // 20% of 130.00 = 26.00 > cap 20.00 → 20.00
        PriceQuote capped = price(snapshot, withCoupons(cart(line("sku-b1", 1), line("sku-b2", 1)), "cp-capped"));
        assertThat(capped.totals().discount()).isEqualTo(20_00);
        // 20% of 50.00 = 10.00 < cap → 10.00
        PriceQuote uncapped = price(snapshot, withCoupons(cart(line("sku-b1", 1)), "cp-capped"));
        assertThat(uncapped.totals().discount()).isEqualTo(10_00);
    }

    @Test
    void couponWorthMoreThanTheOrderTakesOnlyWhatRemains() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("c-big", "m-c", 50_00, null))
                .coupon(owned("cp-big", "c-big"))
                .build();
        PriceQuote quote = price(snapshot, withCoupons(cart(line("sku-c1", 1)), "cp-big"));
        // 50.00 off a 5.00 order → 5.00
        assertThat(quote.totals().discount()).isEqualTo(5_00);
        assertThat(quote.totals().payable()).isZero();
    }

    @Test
    void merchantCouponMinimumSpendIsMeasuredAfterPromotions() {
        PricingSnapshot snapshot = base()
                .promotion(percentOff("a-10", "m-a", 1_000, LIVE, "sku-a1", "sku-a2"))
                .couponTemplate(fixedCoupon("a-min-150", "m-a", 5_00, 150_00L))
                .coupon(owned("cp-min", "a-min-150"))
                .build();
        // 150.00 - 10% = 135.00 < 150.00 → refused
        PricingErrorsTest.assertRefused(snapshot,
                withCoupons(cart(line("sku-a1", 1), line("sku-a2", 1)), "cp-min"),
                "coupon-min-spend-not-met", "cp-min");
    }

    @Test
    void platformCouponSplitAcrossMerchantsThenLines() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("plat-10", null, 10_00, null))
                .coupon(owned("cp-plat", "plat-10"))
                .build();
        PriceQuote quote = price(snapshot, withCoupons(
                cart(line("sku-b1", 1), line("sku-a1", 1), line("sku-a2", 1)), "cp-plat"));
        // eligible m-a 150.00, m-b 50.00 (200.00); 10.00 → m-a 7.50, m-b 2.50 exactly
        // m-a's 7.50 over 100:50 → 5.00 / 2.50
        assertThat(orderOf(quote, "m-a").discountTotal()).isEqualTo(7_50);
        assertThat(orderOf(quote, "m-b").discountTotal()).isEqualTo(2_50);
        assertThat(discountOn(lineOf(quote, "sku-a1"), RuleKind.PLATFORM_COUPON)).isEqualTo(5_00);
        assertThat(discountOn(lineOf(quote, "sku-a2"), RuleKind.PLATFORM_COUPON)).isEqualTo(2_50);
        assertThat(quote.appliedRules()).containsExactly(
                new AppliedRule(RuleKind.PLATFORM_COUPON, id("cp-plat").toString(), "plat-10 coupon", null, 10_00));
    }

    @Test
    void platformCouponComesAfterMerchantCouponsAndTiesGoToTheLowerMerchantId() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("a-70", "m-a", 70_00, null))
                .couponTemplate(fixedCoupon("plat-odd", null, 5_01, null))
                .coupon(owned("cp-a", "a-70"))
                .coupon(owned("cp-plat", "plat-odd"))
                .build();
        // m-a 150.00 - 70.00 = 80.00 ; m-b 80.00 ; platform 5.01 → 2.505 each → 2.50 + 2.50, 1 fen left,
        // equal remainders → the lower merchantId m-a gets it: m-a 2.51, m-b 2.50 (request lists m-b first)
        PriceQuote quote = price(snapshot, withCoupons(
                cart(line("sku-b2", 1), line("sku-a2", 1), line("sku-a1", 1)), "cp-plat", "cp-a"));
        assertThat(orderOf(quote, "m-a").discounts()).containsExactly(
                new Discount(RuleKind.MERCHANT_COUPON, id("cp-a").toString(), "a-70 coupon", 70_00),
                new Discount(RuleKind.PLATFORM_COUPON, id("cp-plat").toString(), "plat-odd coupon", 2_51));
        assertThat(orderOf(quote, "m-b").discounts()).containsExactly(
                new Discount(RuleKind.PLATFORM_COUPON, id("cp-plat").toString(), "plat-odd coupon", 2_50));
        assertThat(quote.totals().payable()).isEqualTo(230_00 - 70_00 - 5_01);
    }

    @Test
    void platformPercentCouponOnTheWholeOrder() {
        PricingSnapshot snapshot = base()
                .couponTemplate(percentCoupon("plat-3pct", null, 300, null, 100_00L))
                .coupon(owned("cp-p", "plat-3pct"))
                .build();
        // 3% of (100.00 + 5.00) = 3.15 ; split 100:5 → 3.00 / 0.15
        PriceQuote quote = price(snapshot, withCoupons(cart(line("sku-a1", 1), line("sku-c1", 1)), "cp-p"));
        assertThat(orderOf(quote, "m-a").discountTotal()).isEqualTo(3_00);
        assertThat(orderOf(quote, "m-c").discountTotal()).isEqualTo(15);
    }

    @Test
    void platformCouponMinimumSpendIsOnTheWholeOrder() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("plat-min-200", null, 10_00, 200_00L))
                .coupon(owned("cp-p", "plat-min-200"))
                .build();
        // 100.00 + 50.00 + 50.00 = 200.00 ≥ 200.00 across two merchants → applies
        assertThat(price(snapshot, withCoupons(cart(line("sku-a1", 1), line("sku-a2", 1), line("sku-b1", 1)),
                "cp-p")).totals().discount()).isEqualTo(10_00);
        // 150.00 < 200.00 → refused
        PricingErrorsTest.assertRefused(snapshot, withCoupons(cart(line("sku-a1", 1), line("sku-a2", 1)), "cp-p"),
                "coupon-min-spend-not-met", "cp-p");
    }

    @Test
    void aCouponThatTakesNothingIsStillListedBecauseTheOrderConsumesIt() {
        PricingSnapshot snapshot = base()
                .promotion(threshold("free", "m-c", LIVE, 0, 5_00))
                .couponTemplate(fixedCoupon("c-2", "m-c", 2_00, null))
                .coupon(owned("cp-c", "c-2"))
                .build();
        // the promotion takes the whole 5.00, the coupon finds nothing left
        PriceQuote quote = price(snapshot, withCoupons(cart(line("sku-c1", 1)), "cp-c"));
        assertThat(quote.appliedRules()).extracting(AppliedRule::ruleId, AppliedRule::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id("free").toString(), 5_00L),
                        org.assertj.core.groups.Tuple.tuple(id("cp-c").toString(), 0L));
        assertThat(orderOf(quote, "m-c").discounts()).extracting(Discount::ruleId).containsExactly(id("free").toString());
    }
}
