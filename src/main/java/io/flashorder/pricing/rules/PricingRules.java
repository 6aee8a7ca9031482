package io.flashorder.pricing.rules;

import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.SpendThresholdPromotion;

import java.time.Instant;
import java.util.List;

/**
 * Every pricing rule stored in PostgreSQL, as the engine's records: what {@code PricingService} combines with the
 * catalog snapshot. Immutable; replaced whole on reload.
 */
public record PricingRules(List<MemberTier> memberTiers, boolean tierAppliesToCampaignPrice,
                           List<PercentOffPromotion> percentOffPromotions,
                           List<SpendThresholdPromotion> spendThresholdPromotions,
                           List<ShippingTemplate> shippingTemplates, List<CouponTemplate> couponTemplates,
                           Instant loadedAt) {

    public static final PricingRules EMPTY = new PricingRules(List.of(), false, List.of(), List.of(), List.of(),
            List.of(), Instant.EPOCH);

    public PricingRules {
        memberTiers = List.copyOf(memberTiers);
        percentOffPromotions = List.copyOf(percentOffPromotions);
        spendThresholdPromotions = List.copyOf(spendThresholdPromotions);
        shippingTemplates = List.copyOf(shippingTemplates);
        couponTemplates = List.copyOf(couponTemplates);
    }
}
