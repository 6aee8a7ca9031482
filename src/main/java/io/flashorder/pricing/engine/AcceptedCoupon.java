package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponTemplate;

import java.util.UUID;

/** A coupon that passed every check except the minimum spend, which is only known once it applies. */
record AcceptedCoupon(Coupon coupon, CouponTemplate template) {

    UUID couponId() {
        return coupon.couponId();
    }
}
