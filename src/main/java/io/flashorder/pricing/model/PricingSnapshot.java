package io.flashorder.pricing.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An immutable view of everything a price depends on, taken once and passed to the engine, so pricing does
 * no I/O. Maps are keyed by each record's own id. The catalog part is shared between requests; the buyer's
 * coupons are given per request next to it ({@code PricingEngine.price}).
 */
public record PricingSnapshot(Map<String, Sku> skus,
                              Map<String, Campaign> campaigns,
                              MemberTierPolicy memberTiers,
                              Map<String, MerchantRules> merchants,
                              Map<String, CouponTemplate> couponTemplates,
                              Map<String, Coupon> coupons) {

    public PricingSnapshot {
        skus = keyedBy(skus, Sku::skuId, "sku");
        campaigns = keyedBy(campaigns, Campaign::campaignId, "campaign");
        Objects.requireNonNull(memberTiers, "memberTiers");
        merchants = keyedBy(merchants, MerchantRules::merchantId, "merchant");
        couponTemplates = keyedBy(couponTemplates, CouponTemplate::templateId, "coupon template");
        coupons = keyedBy(coupons, Coupon::couponId, "coupon");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static <T> Map<String, T> keyedBy(Map<String, T> map, Function<T, String> id,
                                              String what) {
        Map<String, T> copy = Map.copyOf(map);
        copy.forEach((key, value) -> {
            if (!key.equals(id.apply(value))) {
                throw new IllegalArgumentException(what + " keyed as " + key + " has id " + id.apply(value));
            }
        });
        return copy;
    }

    /** Assembles a snapshot from flat lists, as a catalog loader naturally has them. */
    public static final class Builder {
        private final Map<String, Sku> skus = new HashMap<>();
        private final Map<String, Campaign> campaigns = new HashMap<>();
        private final Map<String, MemberTier> tiers = new HashMap<>();
        private boolean tierAppliesToCampaignPrice;
        private final Map<String, List<PercentOffPromotion>> percentOff = new HashMap<>();
        private final Map<String, List<SpendThresholdPromotion>> thresholds = new HashMap<>();
        private final Map<String, Map<String, ShippingTemplate>> shipping = new HashMap<>();
        private final Map<String, CouponTemplate> couponTemplates = new HashMap<>();
        private final Map<String, Coupon> coupons = new HashMap<>();

        private Builder() {
        }

        public Builder sku(Sku sku) {
            putOnce(skus, sku.skuId(), sku, "sku");
            return this;
        }

        public Builder campaign(Campaign campaign) {
            putOnce(campaigns, campaign.campaignId(), campaign, "campaign");
            return this;
        }

        public Builder memberTier(MemberTier tier) {
            putOnce(tiers, tier.tier(), tier, "member tier");
            return this;
        }

        public Builder tierDiscountAppliesToCampaignPrice(boolean applies) {
            this.tierAppliesToCampaignPrice = applies;
            return this;
        }

        public Builder promotion(PercentOffPromotion promotion) {
            percentOff.computeIfAbsent(promotion.merchantId(), m -> new ArrayList<>()).add(promotion);
            return this;
        }

        public Builder promotion(SpendThresholdPromotion promotion) {
            thresholds.computeIfAbsent(promotion.merchantId(), m -> new ArrayList<>()).add(promotion);
            return this;
        }

        public Builder shippingTemplate(ShippingTemplate template) {
            putOnce(shipping.computeIfAbsent(template.merchantId(), m -> new HashMap<>()),
                    template.regionCode(), template, "shipping template for region");
            return this;
        }

        public Builder couponTemplate(CouponTemplate template) {
            putOnce(couponTemplates, template.templateId(), template, "coupon template");
            return this;
        }

        public Builder coupon(Coupon coupon) {
            putOnce(coupons, coupon.couponId(), coupon, "coupon");
            return this;
        }

        public PricingSnapshot build() {
            Map<String, MerchantRules> merchants = new HashMap<>();
            Set<String> merchantIds = new TreeSet<>();
            merchantIds.addAll(percentOff.keySet());
            merchantIds.addAll(thresholds.keySet());
            merchantIds.addAll(shipping.keySet());
            for (String merchantId : merchantIds) {
                merchants.put(merchantId, new MerchantRules(merchantId,
                        percentOff.getOrDefault(merchantId, List.of()),
                        thresholds.getOrDefault(merchantId, List.of()),
                        shipping.getOrDefault(merchantId, Map.of())));
            }
            return new PricingSnapshot(skus, campaigns, new MemberTierPolicy(tiers, tierAppliesToCampaignPrice),
                    merchants, couponTemplates, coupons);
        }

        private static <T> void putOnce(Map<String, T> map, String key, T value, String what) {
            if (map.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("duplicate " + what + ": " + key);
            }
        }
    }
}
