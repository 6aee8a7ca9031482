package io.flashorder.pricing.model;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A merchant's "spend X get Y off" promotion with one or more tiers; at most the single best tier applies.
 */
public record SpendThresholdPromotion(UUID promotionId, UUID merchantId, String name, TimeWindow window,
                                      List<ThresholdTier> tiers) {

    public SpendThresholdPromotion {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a spend-threshold promotion needs a tier: " + promotionId);
        }
    }
}
