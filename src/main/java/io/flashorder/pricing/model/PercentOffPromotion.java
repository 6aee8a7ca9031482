package io.flashorder.pricing.model;

import io.flashorder.platform.money.BasisPoints;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** A merchant promotion taking a percentage off a set of that merchant's SKUs while its window is live. */
public record PercentOffPromotion(UUID promotionId, UUID merchantId, String name, TimeWindow window,
                                  Set<UUID> skuIds, int discountBp) {

    public PercentOffPromotion {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        skuIds = Set.copyOf(skuIds);
        BasisPoints.requireValid(discountBp);
    }
}
