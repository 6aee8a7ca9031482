package io.flashorder.pricing.engine;

import io.flashorder.platform.money.LargestRemainder;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.RuleKind;

/**
 * Spreads one rule's discount over lines in proportion to what each still owes, by largest remainder.
 * Lines come sorted by skuId, so ties are broken by skuId, never by request order.
 */
final class DiscountSpreader {

    private DiscountSpreader() {
    }

    /**
     * Takes up to {@code amount} off {@code lines}; capped at what they still owe together, so no line goes
     * below zero. Returns the amount actually taken.
     */
    static long spread(PricedLine[] lines, int count, long amount, RuleKind kind, String ruleId, String name) {
        if (amount <= 0 || count == 0) {
            return 0;
        }
        long[] weights = new long[count];
        long owed = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = lines[i].remaining();
            owed += weights[i];
        }
        long taken = Math.min(amount, owed);
        if (taken == 0) {
            return 0;
        }
        long[] shares = LargestRemainder.allocate(taken, weights);
        for (int i = 0; i < count; i++) {
            if (shares[i] > 0) {
                lines[i].take(new Discount(kind, ruleId, name, shares[i]));
            }
        }
        return taken;
    }

    static long spread(PricedLine[] lines, long amount, RuleKind kind, String ruleId, String name) {
        return spread(lines, lines.length, amount, kind, ruleId, name);
    }
}
