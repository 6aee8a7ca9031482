package io.flashorder.pricing.engine;

import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.flashorder.pricing.engine.Fixtures.*;

/**
 * jqwik generators for random but valid snapshots and carts: up to 8 lines over up to 4 merchants, a
 * campaign, a member tier, percentage-off and threshold promotions, merchant and platform coupons, and
 * shipping templates with and without free-shipping thresholds.
 */
final class RandomCarts {

    static final int MERCHANTS = 4;

    record LineSpec(int merchant, long price, int weightGrams, int quantity, boolean inCampaign, int campaignPct) {
    }

    record PercentOffSpec(int bp, int skuMask, boolean live) {
    }

    record ThresholdSpec(List<Long> thresholds, List<Long> reductions, boolean live) {
    }

    record ShippingSpec(int firstGrams, long firstPrice, int stepGrams, long stepPrice, Long freeFrom,
                        boolean defaultRegion) {
    }

    record CouponSpec(boolean percent, long fixedAmount, int bp, Long cap, long minSpend) {
    }

    record MerchantSpec(List<PercentOffSpec> percentOffs, List<ThresholdSpec> thresholds, ShippingSpec shipping,
                        CouponSpec couponOrNull) {
    }

    /** The generated scenario; {@link #snapshot()} and {@link #cart()} turn it into engine input. */
    record Scenario(List<LineSpec> lines, List<MerchantSpec> merchants, Integer tierBpOrNull,
                    boolean tierOnCampaign, boolean nameCampaign, CouponSpec platformCouponOrNull) {

        static String skuId(int index) {
            // not in generation order, so skuId order and request order differ
            return "sku-" + (char) ('a' + (index * 5) % 8) + index;
        }

        static String merchantId(int merchant) {
            return "m-" + (char) ('d' - merchant);
        }

        PricingSnapshot snapshot() {
            return snapshot(false);
        }

        /** @param reversed feed the builder in the opposite order: the result must not change */
        PricingSnapshot snapshot(boolean reversed) {
            List<Runnable> steps = new ArrayList<>();
            PricingSnapshot.Builder builder = PricingSnapshot.builder();
            Map<String, Money> campaignPrices = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                LineSpec line = lines.get(i);
                Sku sku = sku(skuId(i), merchantId(line.merchant()), line.price(), line.weightGrams());
                steps.add(() -> builder.sku(sku));
                if (line.inCampaign()) {
                    campaignPrices.put(skuId(i), cny(line.price() * line.campaignPct() / 100));
                }
            }
            steps.add(() -> builder.campaign(campaign("flash", LIVE, campaignPrices)));
            if (tierBpOrNull != null) {
                steps.add(() -> builder.memberTier(new MemberTier("T", "Tier " + tierBpOrNull + " bp", tierBpOrNull)));
            }
            steps.add(() -> builder.tierDiscountAppliesToCampaignPrice(tierOnCampaign));
            for (int m = 0; m < MERCHANTS; m++) {
                addMerchant(builder, steps, m);
            }
            if (platformCouponOrNull != null) {
                steps.add(() -> builder.couponTemplate(template("tpl-platform", null, platformCouponOrNull)));
                steps.add(() -> builder.coupon(owned("cp-platform", "tpl-platform")));
            }
            if (reversed) {
                java.util.Collections.reverse(steps);
            }
            steps.forEach(Runnable::run);
            return builder.build();
        }

        private void addMerchant(PricingSnapshot.Builder builder, List<Runnable> steps, int m) {
            String merchantId = merchantId(m);
            MerchantSpec spec = merchants.get(m);
            for (int p = 0; p < spec.percentOffs().size(); p++) {
                PercentOffSpec promo = spec.percentOffs().get(p);
                Set<UUID> skuIds = new HashSet<>();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).merchant() == m && (promo.skuMask() & (1 << i)) != 0) {
                        skuIds.add(id(skuId(i)));
                    }
                }
                PercentOffPromotion promotion = new PercentOffPromotion(id("pct-" + merchantId + "-" + p), id(merchantId),
                        "Percent " + p, promo.live() ? LIVE : ENDED, skuIds, promo.bp());
                steps.add(() -> builder.promotion(promotion));
            }
            for (int t = 0; t < spec.thresholds().size(); t++) {
                ThresholdSpec thresholdSpec = spec.thresholds().get(t);
                List<ThresholdTier> tiers = new ArrayList<>();
                for (int k = 0; k < thresholdSpec.thresholds().size(); k++) {
                    tiers.add(new ThresholdTier(cny(thresholdSpec.thresholds().get(k)),
                            cny(thresholdSpec.reductions().get(k))));
                }
                SpendThresholdPromotion promotion = new SpendThresholdPromotion(id("thr-" + merchantId + "-" + t),
                        id(merchantId), "Threshold " + t, thresholdSpec.live() ? LIVE : ENDED, tiers);
                steps.add(() -> builder.promotion(promotion));
            }
            ShippingSpec ship = spec.shipping();
            steps.add(() -> builder.shippingTemplate(shipping("ship-" + merchantId, merchantId,
                    ship.defaultRegion() ? ShippingTemplate.ANY_REGION : REGION, ship.firstGrams(), ship.firstPrice(),
                    ship.stepGrams(), ship.stepPrice(), ship.freeFrom())));
            if (spec.couponOrNull() != null && merchantInCart(m)) {
                steps.add(() -> builder.couponTemplate(template("tpl-" + merchantId, merchantId, spec.couponOrNull())));
                steps.add(() -> builder.coupon(owned("cp-" + merchantId, "tpl-" + merchantId)));
            }
        }

        CartRequest cart() {
            List<CartLine> cartLines = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                cartLines.add(line(skuId(i), lines.get(i).quantity()));
            }
            List<UUID> couponIds = new ArrayList<>();
            for (int m = 0; m < MERCHANTS; m++) {
                if (merchants.get(m).couponOrNull() != null && merchantInCart(m)) {
                    couponIds.add(id("cp-" + merchantId(m)));
                }
            }
            if (platformCouponOrNull != null) {
                couponIds.add(id("cp-platform"));
            }
            return new CartRequest(BUYER, tierBpOrNull == null ? null : "T", nameCampaign ? id("flash") : null, REGION,
                    cartLines, couponIds);
        }

        private boolean merchantInCart(int m) {
            return lines.stream().anyMatch(line -> line.merchant() == m);
        }

        private static CouponTemplate template(String templateId, String merchantId, CouponSpec spec) {
            return spec.percent()
                    ? percentCoupon(templateId, merchantId, spec.bp(), spec.cap(), spec.minSpend())
                    : fixedCoupon(templateId, merchantId, spec.fixedAmount(), spec.minSpend());
        }
    }

    private RandomCarts() {
    }

    static Arbitrary<Scenario> scenarios() {
        Arbitrary<LineSpec> line = Combinators.combine(
                Arbitraries.integers().between(0, MERCHANTS - 1),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, 500_000)),
                Arbitraries.integers().between(0, 3_000),
                Arbitraries.integers().between(1, 5),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 100)).as(LineSpec::new);
        Arbitrary<Integer> tierBp = Arbitraries.integers().between(0, 3_000).injectNull(0.3);
        Arbitrary<CouponSpec> coupon = coupons().injectNull(0.4);
        return Combinators.combine(
                line.list().ofMinSize(1).ofMaxSize(8),
                merchants().list().ofSize(MERCHANTS),
                tierBp,
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                coupon).as(Scenario::new);
    }

    private static Arbitrary<MerchantSpec> merchants() {
        Arbitrary<PercentOffSpec> percentOff = Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255),
                Arbitraries.of(true, true, false)).as(PercentOffSpec::new);
        Arbitrary<ThresholdSpec> threshold = Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                Arbitraries.longs().between(0, 1_000_000).list().ofSize(n),
                Arbitraries.longs().between(0, 200_000).list().ofSize(n),
                Arbitraries.of(true, true, false)).as(ThresholdSpec::new));
        Arbitrary<ShippingSpec> shipping = Combinators.combine(
                Arbitraries.integers().between(0, 2_000),
                Arbitraries.longs().between(0, 2_000),
                Arbitraries.integers().between(1, 1_000),
                Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 1_000_000).injectNull(0.4),
                Arbitraries.of(true, false)).as(ShippingSpec::new);
        return Combinators.combine(
                percentOff.list().ofMaxSize(2),
                threshold.list().ofMaxSize(2),
                shipping,
                coupons().injectNull(0.5)).as(MerchantSpec::new);
    }

    private static Arbitrary<CouponSpec> coupons() {
        Arbitrary<Long> minSpend = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(0, 50_000)));
        return Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 100_000),
                Arbitraries.integers().between(1, 10_000),
                Arbitraries.longs().between(0, 50_000).injectNull(0.5),
                minSpend).as(CouponSpec::new);
    }
}
