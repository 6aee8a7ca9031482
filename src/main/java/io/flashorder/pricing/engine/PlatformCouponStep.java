package io.flashorder.pricing.engine;

import io.flashorder.platform.money.LargestRemainder;
import io.flashorder.pricing.quote.RuleKind;

/**
 * Step 5: the platform coupon, on what the whole order still owes after merchant coupons. Its value is
 * split across merchant orders in proportion to what each still owes (ties: lower merchantId), then each
 * merchant's share over its lines (ties: lower skuId), both by largest remainder.
 */
final class PlatformCouponStep {

    private PlatformCouponStep() {
    }

    static void apply(MerchantCart[] merchants, AcceptedCoupon coupon) {
        if (coupon == null) {
            return;
        }
        long[] owed = new long[merchants.length];
        long eligible = 0;
        for (int m = 0; m < merchants.length; m++) {
            owed[m] = merchants[m].remaining();
            eligible += owed[m];
        }
        long amount = CouponValue.of(coupon, eligible);
        if (amount == 0) {
            return;
        }
        long[] shares = LargestRemainder.allocate(amount, owed);
        String name = coupon.template().name();
        for (int m = 0; m < merchants.length; m++) {
            long taken = DiscountSpreader.spread(merchants[m].lines, shares[m], RuleKind.PLATFORM_COUPON,
                    coupon.couponId().toString(), name);
            merchants[m].record(RuleKind.PLATFORM_COUPON, coupon.couponId().toString(), name, taken);
        }
    }
}
