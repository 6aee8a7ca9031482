package io.flashorder.order.query;

/**
 * A buyer's history before one order, for the risk review: its paid orders (count and sum of what they cost, minor
 * units). Its cancellations are counted in Redis by the review itself.
 */
public record BuyerStats(long paidOrders, long paidTotal) {
}
