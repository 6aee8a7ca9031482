package io.flashorder.pricing.engine;

import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PointsRedemption;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every error code, each with the id of the item it names. */
class PricingErrorsTest {

    /** @param subject the name of the item the refusal names ({@link Fixtures#id}), or null for the whole cart */
    static void assertRefused(PricingSnapshot snapshot, CartRequest cart, String code, String subject) {
        assertThatThrownBy(() -> price(snapshot, cart))
                .isInstanceOfSatisfying(PricingException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.subjectId()).isEqualTo(subject == null ? null : id(subject).toString());
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    private static PricingSnapshot.Builder base() {
        return PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 100_00, 0))
                .sku(sku("sku-b", "m-b", 100_00, 0))
                .sku(new Sku(id("sku-gone"), id("m-a"), cny(5_00), 0, false))
                .sku(new Sku(id("sku-usd"), id("m-a"), Money.of(5_00, "USD"), 0, true))
                .sku(sku("sku-nowhere", "m-none", 5_00, 0))
                .sku(sku("sku-huge", "m-a", Long.MAX_VALUE / 2, 0))
                .campaign(campaign("flash-live", LIVE, Map.of("sku-a", cny(80_00))))
                .campaign(campaign("flash-usd", LIVE, Map.of("sku-a", Money.of(80_00, "USD"))))
                .campaign(campaign("flash-ended", ENDED, Map.of("sku-a", cny(80_00))))
                .campaign(campaign("flash-future", FUTURE, Map.of("sku-a", cny(80_00))))
                .memberTier(new MemberTier("GOLD", "Gold", 500))
                .shippingTemplate(flatShipping("m-a", 0))
                .shippingTemplate(flatShipping("m-b", 0))
                .couponTemplate(fixedCoupon("plat", null, 5_00, null))
                .couponTemplate(fixedCoupon("plat-min", null, 5_00, 1_000_00L))
                .couponTemplate(fixedCoupon("for-a", "m-a", 5_00, null))
                .couponTemplate(fixedCoupon("for-a-min", "m-a", 5_00, 500_00L))
                .couponTemplate(fixedCoupon("for-c", "m-c", 5_00, null))
                .couponTemplate(CouponTemplate.fixed(id("usd"), "USD coupon", null, Money.of(5_00, "USD"), null, LIVE, 1))
                .couponTemplate(CouponTemplate.fixed(id("ended"), "Ended", null, cny(5_00), null, ENDED, 1))
                .couponTemplate(CouponTemplate.fixed(id("future"), "Future", null, cny(5_00), null, FUTURE, 1))
                .coupon(owned("cp-plat", "plat"))
                .coupon(owned("cp-plat-2", "plat"))
                .coupon(owned("cp-plat-min", "plat-min"))
                .coupon(owned("cp-a", "for-a"))
                .coupon(owned("cp-a-2", "for-a"))
                .coupon(owned("cp-a-min", "for-a-min"))
                .coupon(owned("cp-c", "for-c"))
                .coupon(owned("cp-usd", "usd"))
                .coupon(owned("cp-ended", "ended"))
                .coupon(owned("cp-future", "future"))
                .coupon(owned("cp-orphan", "no-such-template"))
                .coupon(new Coupon(id("cp-theirs"), id("plat"), "user-2", CouponState.AVAILABLE))
                .coupon(new Coupon(id("cp-locked"), id("plat"), BUYER, CouponState.LOCKED))
                .coupon(new Coupon(id("cp-used"), id("plat"), BUYER, CouponState.USED))
                .coupon(new Coupon(id("cp-expired"), id("plat"), BUYER, CouponState.EXPIRED));
    }

    private final PricingSnapshot snapshot = base().build();

    @Test
    void emptyCart() {
        assertRefused(snapshot, cart(), "empty-cart", null);
        assertRefused(snapshot, new CartRequest(BUYER, null, null, REGION, null, null), "empty-cart", null);
    }

    @Test
    void lineWithoutSku() {
        assertRefused(snapshot, cart(line(null, 1)), "invalid-line", null);
        assertRefused(snapshot, new CartRequest(BUYER, null, null, REGION, Arrays.asList(line("sku-a", 1), null),
                List.of()), "invalid-line", null);
    }

    @Test
    void quantityBelowOne() {
        assertRefused(snapshot, cart(line("sku-a", 1), line("sku-b", 0)), "invalid-quantity", "sku-b");
        assertRefused(snapshot, cart(line("sku-a", -3)), "invalid-quantity", "sku-a");
    }

    @Test
    void duplicateSku() {
        assertRefused(snapshot, cart(line("sku-a", 1), line("sku-b", 1), line("sku-a", 2)), "duplicate-sku", "sku-a");
    }

    @Test
    void unknownSku() {
        assertRefused(snapshot, cart(line("sku-a", 1), line("sku-missing", 1)), "sku-not-found", "sku-missing");
    }

    @Test
    void theReportedSkuDoesNotDependOnLineOrder() {
        // two unknown SKUs: always the lower skuId, whatever the request order
        assertRefused(snapshot, cart(line("sku-zz", 1), line("sku-yy", 1)), "sku-not-found", "sku-yy");
        assertRefused(snapshot, cart(line("sku-yy", 1), line("sku-zz", 1)), "sku-not-found", "sku-yy");
    }

    @Test
    void inactiveSku() {
        assertRefused(snapshot, cart(line("sku-gone", 1)), "sku-inactive", "sku-gone");
    }

    @Test
    void mixedCurrencyAcrossLines() {
        assertRefused(snapshot, cart(line("sku-a", 1), line("sku-usd", 1)), "mixed-currency", "sku-usd");
    }

    @Test
    void mixedCurrencyInCampaignPrice() {
        assertRefused(snapshot, withCampaign(cart(line("sku-a", 1)), "flash-usd"), "mixed-currency", "flash-usd");
    }

    @Test
    void mixedCurrencyInCoupon() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-usd"), "mixed-currency", "cp-usd");
    }

    @Test
    void mixedCurrencyInShippingTemplate() {
        PricingSnapshot usdShipping = PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 100_00, 0))
                .shippingTemplate(new ShippingTemplate(id("ship-usd"), id("m-a"), "*", 1_000, Money.of(5_00, "USD"), 500,
                        Money.of(1_00, "USD"), null))
                .build();
        assertRefused(usdShipping, cart(line("sku-a", 1)), "mixed-currency", "ship-usd");
    }

    @Test
    void mixedCurrencyInPromotion() {
        PricingSnapshot usdPromotion = base()
                .promotion(new SpendThresholdPromotion(id("promo-usd"), id("m-a"), "USD promo", LIVE,
                        List.of(new ThresholdTier(Money.of(10_00, "USD"), Money.of(1_00, "USD")))))
                .build();
        assertRefused(usdPromotion, cart(line("sku-a", 1)), "mixed-currency", "promo-usd");
    }

    @Test
    void unknownCampaign() {
        assertRefused(snapshot, withCampaign(cart(line("sku-a", 1)), "flash-nope"), "campaign-not-found", "flash-nope");
    }

    @Test
    void campaignNotLive() {
        assertRefused(snapshot, withCampaign(cart(line("sku-a", 1)), "flash-ended"), "campaign-not-live",
                "flash-ended");
        assertRefused(snapshot, withCampaign(cart(line("sku-a", 1)), "flash-future"), "campaign-not-live",
                "flash-future");
    }

    @Test
    void unknownCoupon() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-nope"), "coupon-not-found", "cp-nope");
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-orphan"), "coupon-not-found", "cp-orphan");
    }

    @Test
    void someoneElsesCoupon() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-theirs"), "coupon-not-owned", "cp-theirs");
    }

    @Test
    void couponLockedByAnotherOrder() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-locked"), "coupon-locked", "cp-locked");
    }

    @Test
    void usedCoupon() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-used"), "coupon-used", "cp-used");
    }

    @Test
    void expiredCouponByStateOrByWindow() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-expired"), "coupon-expired", "cp-expired");
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-ended"), "coupon-expired", "cp-ended");
    }

    @Test
    void couponNotYetValid() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-future"), "coupon-not-yet-valid",
                "cp-future");
    }

    @Test
    void merchantCouponForAMerchantNotInTheCart() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-c"), "coupon-not-applicable", "cp-c");
    }

    @Test
    void minimumSpendNotMet() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-a-min"), "coupon-min-spend-not-met",
                "cp-a-min");
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1), line("sku-b", 1)), "cp-plat-min"),
                "coupon-min-spend-not-met", "cp-plat-min");
    }

    @Test
    void sameCouponTwice() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-a", "cp-a"), "duplicate-coupon", "cp-a");
    }

    @Test
    void twoPlatformCoupons() {
        // the second by couponId is named, whatever the request order
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-plat-2", "cp-plat"), "too-many-coupons",
                "cp-plat-2");
    }

    @Test
    void twoCouponsForOneMerchant() {
        assertRefused(snapshot, withCoupons(cart(line("sku-a", 1)), "cp-a-2", "cp-a"), "too-many-coupons", "cp-a-2");
    }

    @Test
    void oneMerchantCouponPerMerchantPlusOnePlatformCouponIsFine() {
        PricingSnapshot withB = base().couponTemplate(fixedCoupon("for-b", "m-b", 1_00, null))
                .coupon(owned("cp-b", "for-b")).build();
        PriceQuote quote = price(withB, withCoupons(cart(line("sku-a", 1), line("sku-b", 1)), "cp-b", "cp-plat",
                "cp-a"));
        // 5.00 (m-a) + 1.00 (m-b) + 5.00 platform
        assertThat(quote.totals().discount()).isEqualTo(11_00);
    }

    @Test
    void missingRegion() {
        assertRefused(snapshot, withRegion(cart(line("sku-a", 1)), null), "region-missing", null);
        assertRefused(snapshot, withRegion(cart(line("sku-a", 1)), " "), "region-missing", null);
    }

    @Test
    void merchantWithoutShippingTemplate() {
        assertRefused(snapshot, cart(line("sku-a", 1), line("sku-nowhere", 1)), "no-shipping-template", "m-none");
        PricingSnapshot regionOnly = PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 100_00, 0))
                .shippingTemplate(shipping("ship-bj", "m-a", "CN-11", 1_000, 5_00, 500, 1_00, null))
                .build();
        assertRefused(regionOnly, cart(line("sku-a", 1)), "no-shipping-template", "m-a");
    }

    @Test
    void amountsBeyondALong() {
        assertRefused(snapshot, cart(line("sku-huge", 3)), "amount-out-of-range", "sku-huge");
        assertRefused(snapshot, cart(line("sku-huge", 2), line("sku-a", 1)), "amount-out-of-range", "sku-huge");
    }

    @Test
    void pointsBeyondTheCapOrNotInWholeGranules() {
        CartLine one = line("sku-a", 1); // 100.00 of goods
        // 100 points per 1.00, at most half of the goods: 5,000 points; the refusal names the most allowed.
        assertThatThrownBy(() -> price(snapshot, new CartRequest(BUYER, null, null, REGION, List.of(one), null,
                new PointsRedemption(5_001, 100, 100, 5_000))))
                .isInstanceOfSatisfying(PricingException.class, e -> {
                    assertThat(e.code()).isEqualTo("points-over-cap");
                    assertThat(e.subjectId()).isEqualTo("5000");
                });
        // 3 points per 2 minor units: points go in threes.
        assertThatThrownBy(() -> price(snapshot, new CartRequest(BUYER, null, null, REGION, List.of(one), null,
                new PointsRedemption(4, 3, 2, 5_000))))
                .isInstanceOfSatisfying(PricingException.class, e -> {
                    assertThat(e.code()).isEqualTo("points-not-in-steps");
                    assertThat(e.subjectId()).isEqualTo("3");
                });
    }

    @Test
    void everyErrorCodeHasATestHere() {
        Set<String> tested = Set.of("empty-cart", "invalid-line", "invalid-quantity", "duplicate-sku",
                "sku-not-found", "sku-inactive", "mixed-currency", "campaign-not-found", "campaign-not-live",
                "coupon-not-found", "coupon-not-owned", "coupon-locked", "coupon-used",
                "coupon-expired", "coupon-not-yet-valid", "coupon-not-applicable", "coupon-min-spend-not-met",
                "duplicate-coupon", "too-many-coupons", "region-missing", "no-shipping-template",
                "amount-out-of-range", "points-not-in-steps", "points-over-cap");
        assertThat(Arrays.stream(PricingError.values()).map(PricingError::code).collect(Collectors.toSet()))
                .isEqualTo(tested);
    }
}
