package io.flashorder.pricing.model;

import io.flashorder.platform.Ids;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything one merchant configures that affects a price: promotions and shipping templates.
 * Promotions are kept sorted by id so the engine walks them in a stable order.
 *
 * @param shippingTemplatesByRegion keyed by {@link ShippingTemplate#regionCode()}, {@code "*"} for the default
 */
public record MerchantRules(UUID merchantId,
                            List<PercentOffPromotion> percentOffPromotions,
                            List<SpendThresholdPromotion> spendThresholdPromotions,
                            Map<String, ShippingTemplate> shippingTemplatesByRegion) {

    public MerchantRules {
        Objects.requireNonNull(merchantId, "merchantId");
        percentOffPromotions = percentOffPromotions.stream()
                .sorted(Comparator.comparing(PercentOffPromotion::promotionId, Ids.TEXT_ORDER)).toList();
        spendThresholdPromotions = spendThresholdPromotions.stream()
                .sorted(Comparator.comparing(SpendThresholdPromotion::promotionId, Ids.TEXT_ORDER)).toList();
        shippingTemplatesByRegion = Map.copyOf(shippingTemplatesByRegion);
        for (PercentOffPromotion p : percentOffPromotions) {
            requireOwnedBy(p.merchantId(), merchantId, p.promotionId());
        }
        for (SpendThresholdPromotion p : spendThresholdPromotions) {
            requireOwnedBy(p.merchantId(), merchantId, p.promotionId());
        }
        shippingTemplatesByRegion.forEach((region, template) -> {
            requireOwnedBy(template.merchantId(), merchantId, template.templateId());
            if (!region.equals(template.regionCode())) {
                throw new IllegalArgumentException("template keyed as " + region + " is for " + template.regionCode());
            }
        });
    }

    /** The template for a region, else the merchant's default ({@code "*"}), else null. */
    public ShippingTemplate shippingTemplateFor(String regionCode) {
        ShippingTemplate exact = shippingTemplatesByRegion.get(regionCode);
        return exact != null ? exact : shippingTemplatesByRegion.get(ShippingTemplate.ANY_REGION);
    }

    private static void requireOwnedBy(UUID owner, UUID merchantId, UUID ruleId) {
        if (!owner.equals(merchantId)) {
            throw new IllegalArgumentException(ruleId + " belongs to " + owner + ", not " + merchantId);
        }
    }
}
