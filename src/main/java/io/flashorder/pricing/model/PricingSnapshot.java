package io.flashorder.pricing.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An immutable view of everything a price depends on, taken once and passed to the engine, so pricing does
 * no I/O. Maps are keyed by each record's own id. The catalog part is shared between requests; the buyer's
 * coupons are given per request next to it ({@code PricingEngine.price}).
 */
public record PricingSnapshot(Map<UUID, Sku> skus,
                              Map<UUID, Campaign> campaigns,
                              MemberTierPolicy memberTiers,
                              Map<UUID, MerchantRules> merchants,
                              Map<UUID, CouponTemplate> couponTemplates,
                              Map<UUID, Coupon> coupons) {

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

    private static <K, T> Map<K, T> keyedBy(Map<K, T> map, Function<T, K> id,
                                              String what) {
        Map<K, T> copy = Map.copyOf(map);
        copy.forEach((key, value) -> {
            if (!key.equals(id.apply(value))) {
                throw new IllegalArgumentException(what + " keyed as " + key + " has id " + id.apply(value));
            }
        });
        return copy;
    }

    /** Assembles a snapshot from flat lists, as a catalog loader naturally has them. */
    public static final class Builder {
        private final Map<UUID, Sku> skus = new HashMap<>();
        private final Map<UUID, Campaign> campaigns = new HashMap<>();
        private final Map<String, MemberTier> tiers = new HashMap<>();
        private boolean tierAppliesToCampaignPrice;
        private final Map<UUID, List<PercentOffPromotion>> percentOff = new HashMap<>();
        private final Map<UUID, List<SpendThresholdPromotion>> thresholds = new HashMap<>();
        private final Map<UUID, Map<String, ShippingTemplate>> shipping = new HashMap<>();
        private final Map<UUID, CouponTemplate> couponTemplates = new HashMap<>();
        private final Map<UUID, Coupon> coupons = new HashMap<>();

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
            Map<UUID, MerchantRules> merchants = new HashMap<>();
            Set<UUID> merchantIds = new HashSet<>();
            merchantIds.addAll(percentOff.keySet());
            merchantIds.addAll(thresholds.keySet());
            merchantIds.addAll(shipping.keySet());
            for (UUID merchantId : merchantIds) {
                merchants.put(merchantId, new MerchantRules(merchantId,
                        percentOff.getOrDefault(merchantId, List.of()),
                        thresholds.getOrDefault(merchantId, List.of()),
                        shipping.getOrDefault(merchantId, Map.of())));
            }
            return new PricingSnapshot(skus, campaigns, new MemberTierPolicy(tiers, tierAppliesToCampaignPrice),
                    merchants, couponTemplates, coupons);
        }

        private static <K, T> void putOnce(Map<K, T> map, K key, T value, String what) {
            if (map.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("duplicate " + what + ": " + key);
            }
        }
    }
}
