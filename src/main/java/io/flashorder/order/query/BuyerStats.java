package io.flashorder.order.query;

/**
 * A buyer's history before one order, for the risk review: its paid orders (count and sum of what they cost, minor
 * units) and the orders it had cancelled in the window asked for.
 */
public record BuyerStats(long paidOrders, long paidTotal, long cancellations) {
}
