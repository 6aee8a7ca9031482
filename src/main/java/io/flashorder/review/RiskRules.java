package io.flashorder.review;

import java.util.ArrayList;
import java.util.List;

/** The risk rules, pure: which fire for some facts, with their weights. All arithmetic is exact (longs). */
final class RiskRules {

    private RiskRules() {
    }

    static List<RiskReason> evaluate(RiskFacts facts, ReviewConfig config) {
        List<RiskReason> reasons = new ArrayList<>();
        ReviewConfig.SharedUse address = config.sharedAddress();
        if (facts.accountsOnAddress() >= address.accounts()) {
            reasons.add(new RiskReason(RiskRule.SHARED_ADDRESS, address.weight(), facts.accountsOnAddress()
                    + " buyers used this address within " + address.window()));
        }
        ReviewConfig.SharedUse device = config.sharedDevice();
        if (facts.accountsOnDevice() >= device.accounts()) {
            reasons.add(new RiskReason(RiskRule.SHARED_DEVICE, device.weight(), facts.accountsOnDevice()
                    + " buyers used this device within " + device.window()));
        }
        if (facts.phoneRegionMismatch() != null) {
            reasons.add(new RiskReason(RiskRule.PHONE_REGION_MISMATCH, config.phoneRegion().weight(),
                    facts.phoneRegionMismatch()));
        }
        ReviewConfig.Coupons coupons = config.coupons();
        if (facts.coupons() >= coupons.count()) {
            reasons.add(new RiskReason(RiskRule.MANY_COUPONS, coupons.weight(), facts.coupons() + " coupons"));
        }
        if (facts.paidOrdersBefore() == 0 && facts.subtotal() > 0
                && facts.discountTotal() * 100 >= (long) coupons.firstOrderDiscountPercent() * facts.subtotal()) {
            reasons.add(new RiskReason(RiskRule.COUPON_HEAVY_FIRST_ORDER, coupons.weight(), "first order, "
                    + facts.discountTotal() + " off " + facts.subtotal()));
        }
        ReviewConfig.ValueAboveHistory value = config.valueAboveHistory();
        // payable > factor × (paidTotal / paidOrders), without dividing
        if (facts.paidOrdersBefore() >= value.minOrders()
                && facts.payable() * facts.paidOrdersBefore() > (long) value.factor() * facts.paidTotalBefore()) {
            reasons.add(new RiskReason(RiskRule.VALUE_ABOVE_HISTORY, value.weight(), facts.payable()
                    + " against an average of " + facts.paidTotalBefore() / facts.paidOrdersBefore()));
        }
        ReviewConfig.Cancellations cancellations = config.cancellations();
        if (facts.cancellations() >= cancellations.count()) {
            reasons.add(new RiskReason(RiskRule.MANY_CANCELLATIONS, cancellations.weight(), facts.cancellations()
                    + " cancellations within " + cancellations.window()));
        }
        return List.copyOf(reasons);
    }

    static int score(List<RiskReason> reasons) {
        return reasons.stream().mapToInt(RiskReason::weight).sum();
    }
}
