package io.flashorder.pricing;

/** A coupon that passed every check except the minimum spend, which is only known once it applies. */
record AcceptedCoupon(Coupon coupon, CouponTemplate template) {

    String couponId() {
        return coupon.couponId();
    }
}
