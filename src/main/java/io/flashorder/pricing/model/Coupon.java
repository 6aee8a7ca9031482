package io.flashorder.pricing.model;

import java.util.Objects;

/** A coupon instance a user has claimed from a {@link CouponTemplate}. */
public record Coupon(String couponId, String templateId, String ownerUserId, CouponState state) {

    public Coupon {
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(ownerUserId, "ownerUserId");
        Objects.requireNonNull(state, "state");
    }
}
