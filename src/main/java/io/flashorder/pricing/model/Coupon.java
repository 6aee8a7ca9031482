package io.flashorder.pricing.model;

import java.util.Objects;
import java.util.UUID;

/** A coupon instance a user has claimed from a {@link CouponTemplate}. */
public record Coupon(UUID couponId, UUID templateId, String ownerUserId, CouponState state) {

    public Coupon {
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(ownerUserId, "ownerUserId");
        Objects.requireNonNull(state, "state");
    }
}
