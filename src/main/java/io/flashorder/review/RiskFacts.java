package io.flashorder.review;

/**
 * What the rules look at for one paid order: buyers on its address and on its device within their windows (this one
 * included; 0 for an order placed without a device fingerprint), why its phone does not fit its address's region
 * (null when it does), its coupons, subtotal, discount and payable (minor units), the buyer's paid history before it
 * and the orders it cancelled within the window.
 */
record RiskFacts(long accountsOnAddress, long accountsOnDevice, String phoneRegionMismatch, int coupons,
                 long subtotal, long discountTotal, long payable, long paidOrdersBefore, long paidTotalBefore,
                 long cancellations) {
}
