package io.flashorder.pricing.engine;

import io.flashorder.pricing.quote.RuleKind;

/** Step 4: the merchant's coupon, on what its lines still owe after promotions. */
final class MerchantCouponStep {

    private MerchantCouponStep() {
    }

    static void apply(MerchantCart merchant) {
        AcceptedCoupon coupon = merchant.coupon;
        if (coupon == null) {
            return;
        }
        long amount = CouponValue.of(coupon, merchant.remaining());
        String name = coupon.template().name();
        long taken = DiscountSpreader.spread(merchant.lines, amount, RuleKind.MERCHANT_COUPON, coupon.couponId().toString(), name);
        merchant.record(RuleKind.MERCHANT_COUPON, coupon.couponId().toString(), name, taken);
    }
}
