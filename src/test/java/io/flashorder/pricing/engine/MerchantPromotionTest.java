package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.RuleKind;
import org.junit.jupiter.api.Test;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class MerchantPromotionTest {

    private static PricingSnapshot.Builder base() {
        return PricingSnapshot.builder()
                .sku(sku("sku-p1", "m-a", 150_00, 0))
                .sku(sku("sku-p2", "m-a", 90_00, 0))
                .sku(sku("sku-p3", "m-a", 205_00, 0))
                .sku(sku("sku-other", "m-b", 80_00, 0))
                .memberTier(new MemberTier("GOLD", "Gold 5%", 500))
                .shippingTemplate(flatShipping("m-a", 0))
                .shippingTemplate(flatShipping("m-b", 0));
    }

    @Test
    void percentOffOnlyOnItsSkus() {
        PricingSnapshot snapshot = base().promotion(percentOff("promo-10", "m-a", 1_000, LIVE, "sku-p1")).build();
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1), line("sku-p2", 1)));
        // 10% of 150.00 = 15.00 on sku-p1 only
        assertThat(discountOn(lineOf(quote, "sku-p1"), RuleKind.PERCENT_OFF_PROMOTION)).isEqualTo(15_00);
        assertThat(lineOf(quote, "sku-p2").discounts()).isEmpty();
        assertThat(quote.totals().payable()).isEqualTo(150_00 + 90_00 - 15_00);
    }

    @Test
    void aLineTakesOnlyItsBestLivePercentOff() {
        PricingSnapshot snapshot = base()
                .promotion(percentOff("promo-a", "m-a", 1_000, LIVE, "sku-p1", "sku-p2"))
                .promotion(percentOff("promo-b", "m-a", 1_500, LIVE, "sku-p1"))
                .promotion(percentOff("promo-c", "m-a", 5_000, ENDED, "sku-p1", "sku-p2"))
                .build();
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1), line("sku-p2", 1)));
        // sku-p1: best live is promo-b 15% of 150.00 = 22.50 ; sku-p2: promo-a 10% of 90.00 = 9.00 ; promo-c ended
        LineQuote p1 = lineOf(quote, "sku-p1");
        assertThat(p1.discounts()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(id("promo-b").toString());
            assertThat(d.amount()).isEqualTo(22_50);
        });
        assertThat(lineOf(quote, "sku-p2").discounts()).singleElement()
                .satisfies(d -> assertThat(d.ruleId()).isEqualTo(id("promo-a").toString()));
        assertThat(quote.totals().discount()).isEqualTo(22_50 + 9_00);
    }

    @Test
    void bestSingleThresholdTierApplies() {
        PricingSnapshot snapshot = base()
                .promotion(threshold("spend-save", "m-a", LIVE, 200_00, 20_00, 500_00, 60_00))
                .build();
        // 205.00 × 2 + 90.00 = 500.00 ≥ 500.00 → 60.00 off (not 20.00, not both)
        PriceQuote quote = price(snapshot, cart(line("sku-p3", 2), line("sku-p2", 1)));
        assertThat(quote.totals().discount()).isEqualTo(60_00);
        // spread 60.00 over 410.00 : 90.00 → 49.20 and 10.80 exactly
        assertThat(discountOn(lineOf(quote, "sku-p3"), RuleKind.SPEND_THRESHOLD_PROMOTION)).isEqualTo(49_20);
        assertThat(discountOn(lineOf(quote, "sku-p2"), RuleKind.SPEND_THRESHOLD_PROMOTION)).isEqualTo(10_80);
    }

    @Test
    void thresholdNotReachedMeansNoReduction() {
        PricingSnapshot snapshot = base().promotion(threshold("spend-save", "m-a", LIVE, 200_00, 20_00)).build();
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1)));
        // 150.00 < 200.00
        assertThat(quote.totals().discount()).isZero();
        assertThat(quote.appliedRules()).isEmpty();
    }

    @Test
    void thresholdIsMeasuredAfterTheMemberTier() {
        PricingSnapshot snapshot = base().promotion(threshold("spend-save", "m-a", LIVE, 200_00, 20_00)).build();
        // without tier: 205.00 ≥ 200.00 → 20.00 off
        assertThat(price(snapshot, cart(line("sku-p3", 1))).totals().discount()).isEqualTo(20_00);
        // with tier: 205.00 - 5% (10.25) = 194.75 < 200.00 → no reduction, only the tier
        PriceQuote quote = price(snapshot, withTier(cart(line("sku-p3", 1)), "GOLD"));
        assertThat(quote.totals().discount()).isEqualTo(10_25);
        assertThat(quote.appliedRules()).extracting(AppliedRule::kind).containsExactly(RuleKind.MEMBER_TIER);
    }

    @Test
    void percentOffFirstThenThresholdOnTheRemainder() {
        PricingSnapshot snapshot = base()
                .promotion(percentOff("promo-20", "m-a", 2_000, LIVE, "sku-p1"))
                .promotion(threshold("spend-save", "m-a", LIVE, 200_00, 20_00))
                .build();
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1), line("sku-p2", 1)));
        // sku-p1 150.00 - 20% (30.00) = 120.00 ; sku-p2 90.00 ; remainder 210.00 ≥ 200.00 → 20.00 off
        // spread 20.00 over 120.00 : 90.00 → 11.428 / 8.571 → floors 11.42 / 8.57 (19.99), 1 fen left,
        // larger remainder is sku-p1's (.857 vs .142) → 11.43 and 8.57
        LineQuote p1 = lineOf(quote, "sku-p1");
        LineQuote p2 = lineOf(quote, "sku-p2");
        assertThat(discountOn(p1, RuleKind.PERCENT_OFF_PROMOTION)).isEqualTo(30_00);
        assertThat(discountOn(p1, RuleKind.SPEND_THRESHOLD_PROMOTION)).isEqualTo(11_43);
        assertThat(discountOn(p2, RuleKind.SPEND_THRESHOLD_PROMOTION)).isEqualTo(8_57);
        assertThat(p1.payable()).isEqualTo(108_57);
        assertThat(p2.payable()).isEqualTo(81_43);
        assertThat(quote.totals().payable()).isEqualTo(190_00);
        // the merchant order lists the rules in order of application
        assertThat(orderOf(quote, "m-a").discounts()).extracting(Discount::kind)
                .containsExactly(RuleKind.PERCENT_OFF_PROMOTION, RuleKind.SPEND_THRESHOLD_PROMOTION);
    }

    @Test
    void percentOffCanDropTheSpendBelowTheThreshold() {
        PricingSnapshot snapshot = base()
                .promotion(percentOff("promo-20", "m-a", 2_000, LIVE, "sku-p3"))
                .promotion(threshold("spend-save", "m-a", LIVE, 200_00, 20_00))
                .build();
        // 205.00 - 20% (41.00) = 164.00 < 200.00 → only the percentage applies
        PriceQuote quote = price(snapshot, cart(line("sku-p3", 1)));
        assertThat(quote.totals().discount()).isEqualTo(41_00);
    }

    @Test
    void bestTierAcrossSeveralThresholdPromotions() {
        PricingSnapshot snapshot = base()
                .promotion(threshold("spend-a", "m-a", LIVE, 100_00, 8_00, 300_00, 30_00))
                .promotion(threshold("spend-b", "m-a", LIVE, 200_00, 25_00))
                .promotion(threshold("spend-old", "m-a", ENDED, 100_00, 90_00))
                .build();
        // spend 205.00: spend-a gives 8.00, spend-b gives 25.00, spend-old has ended → 25.00 from spend-b
        PriceQuote quote = price(snapshot, cart(line("sku-p3", 1)));
        assertThat(quote.appliedRules()).singleElement().satisfies(rule -> {
            assertThat(rule.ruleId()).isEqualTo(id("spend-b").toString());
            assertThat(rule.merchantId()).isEqualTo(id("m-a"));
            assertThat(rule.amount()).isEqualTo(25_00);
        });
    }

    @Test
    void reductionIsCappedAtWhatRemains() {
        PricingSnapshot snapshot = base().promotion(threshold("silly", "m-a", LIVE, 10_00, 500_00)).build();
        // 500.00 off a 150.00 order takes 150.00, never more
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1)));
        assertThat(quote.totals().discount()).isEqualTo(150_00);
        assertThat(quote.totals().payable()).isZero();
        assertThat(lineOf(quote, "sku-p1").payable()).isZero();
    }

    @Test
    void promotionsOnlyTouchTheirOwnMerchant() {
        PricingSnapshot snapshot = base().promotion(threshold("spend-save", "m-a", LIVE, 100_00, 10_00)).build();
        // m-a 150.00 ≥ 100.00 → 10.00 off m-a only ; m-b's 80.00 is untouched
        PriceQuote quote = price(snapshot, cart(line("sku-p1", 1), line("sku-other", 1)));
        assertThat(orderOf(quote, "m-a").discountTotal()).isEqualTo(10_00);
        assertThat(orderOf(quote, "m-b").discountTotal()).isZero();
    }
}
