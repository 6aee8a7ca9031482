package io.flashorder.pricing.engine;

import io.flashorder.platform.money.BasisPoints;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;

/** What a coupon takes off an eligible amount, once its minimum spend is met. */
final class CouponValue {

    private CouponValue() {
    }

    /**
     * @throws PricingException {@code coupon-min-spend-not-met} when {@code eligible} is below the minimum
     * @return the discount, never more than {@code eligible}
     */
    static long of(AcceptedCoupon coupon, long eligible) {
        CouponTemplate template = coupon.template();
        if (template.minSpend() != null && eligible < template.minSpend().amountMinor()) {
            throw new PricingException(PricingError.COUPON_MIN_SPEND_NOT_MET, coupon.couponId(),
                    "the coupon needs a spend of " + template.minSpend() + ", the eligible amount is " + eligible);
        }
        long value = switch (template.kind()) {
            case FIXED -> template.fixedAmount().amountMinor();
            case PERCENT -> {
                long percent = BasisPoints.shareHalfUp(eligible, template.percentBp());
                yield template.percentCap() == null ? percent : Math.min(percent, template.percentCap().amountMinor());
            }
        };
        return Math.min(value, eligible);
    }
}
