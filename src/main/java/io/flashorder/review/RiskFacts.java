package io.flashorder.review;

/**
 * What the rules look at for one paid order: buyers on its address within the window (this one included), its
 * coupons, subtotal, discount and payable (minor units), the buyer's paid history before it and the orders it
 * cancelled within the window.
 */
record RiskFacts(long accountsOnAddress, int coupons, long subtotal, long discountTotal, long payable,
                 long paidOrdersBefore, long paidTotalBefore, long cancellations) {
}
