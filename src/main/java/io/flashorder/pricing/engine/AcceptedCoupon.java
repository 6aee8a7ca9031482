package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponTemplate;

/** A coupon that passed every check except the minimum spend, which is only known once it applies. */
record AcceptedCoupon(Coupon coupon, CouponTemplate template) {

    String couponId() {
        return coupon.couponId();
    }
}
