package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.RuleKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class MemberTierTest {

    private static PricingSnapshot.Builder base() {
        return PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 120_00, 0))
                .sku(sku("sku-b", "m-a", 35_00, 0))
                .sku(sku("sku-flash", "m-a", 100_00, 0))
                .sku(sku("sku-x", "m-b", 10, 0))
                .sku(sku("sku-y", "m-b", 10, 0))
                .sku(sku("sku-z", "m-b", 10, 0))
                .campaign(campaign("flash-1", LIVE, Map.of("sku-flash", cny(50_00))))
                .memberTier(new MemberTier("GOLD", "Gold member 5% off", 500))
                .memberTier(new MemberTier("PLAIN", "Member", 0))
                .shippingTemplate(flatShipping("m-a", 0))
                .shippingTemplate(flatShipping("m-b", 0));
    }

    @Test
    void tierPercentageSpreadOverLines() {
        PriceQuote quote = price(base().build(), withTier(cart(line("sku-a", 1), line("sku-b", 3)), "GOLD"));
        // subtotal 120.00 + 3 × 35.00 = 225.00 ; 5% = 11.25
        // spread 11.25 over 120.00 : 105.00 → 6.00 and 5.25 exactly
        assertThat(discountOn(lineOf(quote, "sku-a"), RuleKind.MEMBER_TIER)).isEqualTo(6_00);
        assertThat(discountOn(lineOf(quote, "sku-b"), RuleKind.MEMBER_TIER)).isEqualTo(5_25);
        assertThat(quote.totals().payable()).isEqualTo(213_75);
        assertThat(quote.appliedRules())
                .containsExactly(new AppliedRule(RuleKind.MEMBER_TIER, "GOLD", "Gold member 5% off", null, 11_25));
    }

    @Test
    void roundedHalfUpOncePerMerchantOrderAndTiesGoToTheLowerSkuId() {
        // three lines of 0.10: 5% of 0.30 = 0.015 → rounds half up to 0.02 (per line it would be 3 × 0.005 → 0 or 3)
        // spread 2 fen over 10:10:10 → quotas 0.67 each, floors 0, 2 left, equal remainders → sku-x, sku-y
        PriceQuote quote = price(base().build(),
                withTier(cart(line("sku-z", 1), line("sku-y", 1), line("sku-x", 1)), "GOLD"));
        assertThat(discountOn(lineOf(quote, "sku-x"), RuleKind.MEMBER_TIER)).isEqualTo(1);
        assertThat(discountOn(lineOf(quote, "sku-y"), RuleKind.MEMBER_TIER)).isEqualTo(1);
        assertThat(discountOn(lineOf(quote, "sku-z"), RuleKind.MEMBER_TIER)).isZero();
        assertThat(lineOf(quote, "sku-z").discounts()).isEmpty();
        assertThat(quote.totals().discount()).isEqualTo(2);
    }

    @Test
    void campaignPricedLinesExcludedWhenThePlatformSaysSo() {
        PricingSnapshot snapshot = base().tierDiscountAppliesToCampaignPrice(false).build();
        CartRequest cart = withCampaign(withTier(cart(line("sku-a", 1), line("sku-flash", 1)), "GOLD"), "flash-1");
        PriceQuote quote = price(snapshot, cart);
        // only sku-a is eligible: 5% of 120.00 = 6.00 ; sku-flash keeps its 50.00 campaign price
        assertThat(discountOn(lineOf(quote, "sku-a"), RuleKind.MEMBER_TIER)).isEqualTo(6_00);
        assertThat(discountOn(lineOf(quote, "sku-flash"), RuleKind.MEMBER_TIER)).isZero();
        assertThat(quote.totals().payable()).isEqualTo(120_00 + 50_00 - 6_00);
    }

    @Test
    void campaignPricedLinesIncludedWhenThePlatformAllowsIt() {
        PricingSnapshot snapshot = base().tierDiscountAppliesToCampaignPrice(true).build();
        CartRequest cart = withCampaign(withTier(cart(line("sku-a", 1), line("sku-flash", 1)), "GOLD"), "flash-1");
        PriceQuote quote = price(snapshot, cart);
        // 5% of (120.00 + 50.00) = 8.50, spread 120:50 → 6.00 and 2.50
        assertThat(discountOn(lineOf(quote, "sku-a"), RuleKind.MEMBER_TIER)).isEqualTo(6_00);
        assertThat(discountOn(lineOf(quote, "sku-flash"), RuleKind.MEMBER_TIER)).isEqualTo(2_50);
        assertThat(quote.totals().payable()).isEqualTo(170_00 - 8_50);
    }

    @Test
    void zeroPercentTierAppliesNothing() {
        PriceQuote quote = price(base().build(), withTier(cart(line("sku-a", 1)), "PLAIN"));
        assertThat(quote.appliedRules()).isEmpty();
        assertThat(quote.totals().payable()).isEqualTo(120_00);
    }

    @Test
    void aTierThePlatformDoesNotDefineGivesNoDiscount() {
        PriceQuote quote = price(base().build(), withTier(cart(line("sku-a", 1)), "DIAMOND"));
        assertThat(quote.appliedRules()).isEmpty();
        assertThat(quote.totals().payable()).isEqualTo(120_00);
    }

    @Test
    void tierIsComputedPerMerchantOrder() {
        PriceQuote quote = price(base().build(), withTier(cart(line("sku-a", 1), line("sku-x", 3)), "GOLD"));
        // m-a: 5% of 120.00 = 6.00 ; m-b: 5% of 0.30 = 0.015 → 0.02 ; one applied rule summing both: 6.02
        assertThat(orderOf(quote, "m-a").discountTotal()).isEqualTo(6_00);
        assertThat(orderOf(quote, "m-b").discountTotal()).isEqualTo(2);
        assertThat(quote.appliedRules()).singleElement().extracting(AppliedRule::amount).isEqualTo(6_02L);
    }
}
