package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.RuleKind;
import io.flashorder.pricing.quote.Totals;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worked example across three merchants with every rule in play: member tier, a percentage-off promotion,
 * a spend-threshold reduction, a merchant coupon, a platform coupon, and free-shipping thresholds, one
 * crossed and one missed. All amounts are fen, worked out by hand below.
 */
class ThreeMerchantCartTest {

    private static PricingSnapshot.Builder snapshot() {
        return PricingSnapshot.builder()
                .sku(sku("sku-a1", "m-a", 120_00, 500))
                .sku(sku("sku-a2", "m-a", 35_00, 200))
                .sku(sku("sku-b1", "m-b", 99_90, 1_000))
                .sku(sku("sku-c1", "m-c", 45_50, 300))
                .memberTier(new MemberTier("GOLD", "Gold member 5% off", 500))
                .promotion(threshold("a-spend-save", "m-a", LIVE, 200_00, 20_00, 500_00, 60_00))
                .promotion(percentOff("b-10", "m-b", 1_000, LIVE, "sku-b1"))
                .shippingTemplate(shipping("ship-a", "m-a", "CN-31", 1_000, 10_00, 500, 5_00, 150_00L))
                .shippingTemplate(shipping("ship-b", "m-b", "CN-31", 1_000, 8_00, 1_000, 4_00, 160_00L))
                .shippingTemplate(shipping("ship-c", "m-c", ShippingTemplate.ANY_REGION, 500, 6_00, 500, 2_00, null))
                .couponTemplate(fixedCoupon("c-5-off", "m-c", 5_00, 40_00L))
                .couponTemplate(fixedCoupon("plat-30", null, 30_00, 300_00L))
                .coupon(owned("cp-c", "c-5-off"))
                .coupon(owned("cp-plat", "plat-30"));
    }

    private static CartRequest theCart() {
        return withCoupons(withTier(cart(
                line("sku-c1", 1), line("sku-b1", 2), line("sku-a2", 3), line("sku-a1", 1)), "GOLD"),
                "cp-plat", "cp-c");
    }

    @Test
    void pricesEveryRuleInOrder() {
        PriceQuote quote = price(snapshot().build(), theCart());

        // Unit prices: m-a 120.00 + 3 × 35.00 = 225.00 ; m-b 2 × 99.90 = 199.80 ; m-c 45.50 ; total 470.30
        // Tier 5%: m-a 11.25 → a1 6.00, a2 5.25 (exact) ; m-b 9.99 ; m-c 2.275 → 2.28 (half up)
        //   remaining a1 114.00, a2 99.75 (213.75) ; b1 189.81 ; c1 43.22
        // Percent-off b-10 on b1: 10% of 189.81 = 18.981 → 18.98 ; b1 170.83
        // Threshold a-spend-save: 213.75 ≥ 200.00 (< 500.00) → 20.00 over 114.00 : 99.75
        //   a1 10.6666 → 10.66 r .67, a2 9.3333 → 9.33 r .33 ; 1 fen left → a1: 10.67 / 9.33
        //   remaining a1 103.33, a2 90.42 (193.75)
        // Merchant coupon cp-c on m-c: 43.22 ≥ 40.00 → 5.00 ; c1 38.22
        // Platform coupon cp-plat: eligible 193.75 + 170.83 + 38.22 = 402.80 ≥ 300.00 → 30.00
        //   m-a 3000 × 19375 / 40280 = 1443.03 → 1443 r 960 ; m-b 3000 × 17083 / 40280 = 1272.31 → 1272 r 12840 ;
        //   m-c 3000 × 3822 / 40280 = 284.65 → 284 r 26480 ; 1 fen left → m-c → 14.43 / 12.72 / 2.85
        //   m-a 14.43 over 103.33 : 90.42 → a1 7.6957 → 7.69 r 11144, a2 6.7342 → 6.73 r 8231 ; 1 left → a1 7.70
        //   goods payable a1 95.63, a2 83.69 (179.32) ; b1 158.11 ; c1 35.37
        // Shipping: m-a 1100 g → 10.00 + 1 step 5.00 = 15.00, but 179.32 ≥ 150.00 → free
        //           m-b 2000 g → 8.00 + 1 step 4.00 = 12.00 ; 158.11 < 160.00 → charged 12.00
        //           m-c 300 g, default template → 6.00
        assertLine(quote, "sku-a1", 120_00, 6_00, 10_67, 7_70, 95_63);
        assertLine(quote, "sku-a2", 105_00, 5_25, 9_33, 6_73, 83_69);
        assertThat(lineOf(quote, "sku-b1").discounts()).extracting(Discount::kind, Discount::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RuleKind.MEMBER_TIER, 9_99L),
                org.assertj.core.groups.Tuple.tuple(RuleKind.PERCENT_OFF_PROMOTION, 18_98L),
                org.assertj.core.groups.Tuple.tuple(RuleKind.PLATFORM_COUPON, 12_72L));
        assertThat(lineOf(quote, "sku-b1").payable()).isEqualTo(158_11);
        assertThat(lineOf(quote, "sku-c1").discounts()).extracting(Discount::kind, Discount::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RuleKind.MEMBER_TIER, 2_28L),
                org.assertj.core.groups.Tuple.tuple(RuleKind.MERCHANT_COUPON, 5_00L),
                org.assertj.core.groups.Tuple.tuple(RuleKind.PLATFORM_COUPON, 2_85L));
        assertThat(lineOf(quote, "sku-c1").payable()).isEqualTo(35_37);

        assertThat(quote.merchantOrders()).extracting(MerchantOrderQuote::merchantId)
                .containsExactly(id("m-a"), id("m-b"), id("m-c"));
        MerchantOrderQuote a = orderOf(quote, "m-a");
        assertThat(a.subtotal()).isEqualTo(225_00);
        assertThat(a.discountTotal()).isEqualTo(11_25 + 20_00 + 14_43);
        assertThat(a.shipping().standardFee()).isEqualTo(15_00);
        assertThat(a.shipping().freeShipping()).isTrue();
        assertThat(a.payable()).isEqualTo(179_32);
        MerchantOrderQuote b = orderOf(quote, "m-b");
        assertThat(b.shipping().freeShipping()).isFalse();
        assertThat(b.payable()).isEqualTo(158_11 + 12_00);
        MerchantOrderQuote c = orderOf(quote, "m-c");
        assertThat(c.shipping().templateId()).isEqualTo(id("ship-c"));
        assertThat(c.payable()).isEqualTo(35_37 + 6_00);

        // Totals: subtotal 470.30 ; discount 45.68 + 41.69 + 10.13 = 97.50 ; shipping 18.00 ; payable 390.80
        assertThat(quote.totals()).isEqualTo(new Totals(470_30, 97_50, 18_00, 390_80, CNY));
        assertThat(quote.currency()).isEqualTo(CNY);
        assertThat(quote.pricedAt()).isEqualTo(NOW);

        // Breakdown for the app, in order of application, summing to the total discount
        assertThat(quote.appliedRules()).containsExactly(
                new AppliedRule(RuleKind.MEMBER_TIER, "GOLD", "Gold member 5% off", null, 11_25 + 9_99 + 2_28),
                new AppliedRule(RuleKind.PERCENT_OFF_PROMOTION, id("b-10").toString(), "b-10 10% off", id("m-b"), 18_98),
                new AppliedRule(RuleKind.SPEND_THRESHOLD_PROMOTION, id("a-spend-save").toString(),
                        "a-spend-save spend & save", id("m-a"), 20_00),
                new AppliedRule(RuleKind.MERCHANT_COUPON, id("cp-c").toString(), "c-5-off coupon", id("m-c"), 5_00),
                new AppliedRule(RuleKind.PLATFORM_COUPON, id("cp-plat").toString(), "plat-30 coupon", null, 30_00));
    }

    @Test
    void withoutThePlatformCouponMerchantBShipsFree() {
        CartRequest noPlatformCoupon = withCoupons(theCart(), "cp-c");
        PriceQuote quote = price(snapshot().build(), noPlatformCoupon);
        // m-b goods 170.83 ≥ 160.00 → free ; the platform coupon above took it to 158.11 and cost the buyer 12.00
        assertThat(orderOf(quote, "m-b").shipping().fee()).isZero();
        assertThat(orderOf(quote, "m-b").payable()).isEqualTo(170_83);
    }

    @Test
    void requestOrderDoesNotMatter() {
        CartRequest reversed = new CartRequest(BUYER, "GOLD", null, REGION,
                List.of(line("sku-a1", 1), line("sku-a2", 3), line("sku-b1", 2), line("sku-c1", 1)),
                List.of(id("cp-c"), id("cp-plat")));
        assertThat(price(snapshot().build(), reversed)).isEqualTo(price(snapshot().build(), theCart()));
    }

    private static void assertLine(PriceQuote quote, String skuId, long subtotal, long tier, long threshold,
                                   long platformCoupon, long payable) {
        LineQuote line = lineOf(quote, skuId);
        assertThat(line.subtotal()).as("subtotal of %s", skuId).isEqualTo(subtotal);
        assertThat(line.discounts()).as("discounts of %s", skuId).extracting(Discount::kind, Discount::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RuleKind.MEMBER_TIER, tier),
                        org.assertj.core.groups.Tuple.tuple(RuleKind.SPEND_THRESHOLD_PROMOTION, threshold),
                        org.assertj.core.groups.Tuple.tuple(RuleKind.PLATFORM_COUPON, platformCoupon));
        assertThat(line.discountTotal()).isEqualTo(tier + threshold + platformCoupon);
        assertThat(line.payable()).as("payable of %s", skuId).isEqualTo(payable);
    }
}
