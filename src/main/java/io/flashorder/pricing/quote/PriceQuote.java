package io.flashorder.pricing.quote;

import java.time.Instant;
import java.util.List;

/**
 * The exact price of a cart at {@code pricedAt}: one merchant order per merchant (sorted by merchantId),
 * the rules applied (in order of application), and the totals. Every amount is a {@code long} of minor
 * units of {@code currency}.
 */
public record PriceQuote(String currency, Instant pricedAt, List<MerchantOrderQuote> merchantOrders,
                         List<AppliedRule> appliedRules, Totals totals) {
}
