package io.flashorder.aftersale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a case gives back, exactly, in minor units. A line's payable (after its share of every discount) is spread
 * over its units by largest remainder: each unit is worth {@code payable / bought}, and the {@code payable % bought}
 * minor units left over go one each to the first units refunded. So the units refunded so far are always worth
 * {@code (payable / bought) * n + min(n, payable % bought)}, any sequence of partial refunds never exceeds the line's
 * payable, and refunding every unit gives back exactly what was paid for it. Shipping goes back only with the case
 * that takes the whole merchant order before it shipped. Pure.
 */
public final class RefundAllocation {

    /** A line of the merchant order: bought units, what was paid for them, units already refunded or in a case. */
    public record LineState(UUID lineId, int bought, long payable, int taken) {
    }

    /** Per requested line its refund, the goods total and the shipping refunded with them. */
    public record Quote(Map<UUID, Long> lineRefunds, long goods, long shipping) {
        public long total() {
            return Math.addExact(goods, shipping);
        }
    }

    private RefundAllocation() {
    }

    /** What units {@code taken + 1 .. taken + units} of a line are worth. */
    public static long share(long payable, int bought, int taken, int units) {
        if (bought <= 0 || payable < 0 || taken < 0 || units < 0 || taken + units > bought) {
            throw new IllegalArgumentException("Cannot take " + units + " of " + bought + " units after " + taken);
        }
        return worthOfFirst(payable, bought, taken + units) - worthOfFirst(payable, bought, taken);
    }

    private static long worthOfFirst(long payable, int bought, int units) {
        return Math.addExact(Math.multiplyExact(payable / bought, units), Math.min(units, payable % bought));
    }

    /**
     * The refund of {@code requested} units per line id, given every line of the merchant order. Shipping is
     * added when the merchant order has not shipped and these units complete every line.
     */
    public static Quote quote(List<LineState> lines, Map<UUID, Integer> requested, long shippingFee,
                              boolean beforeShipment) {
        Map<UUID, Long> refunds = new LinkedHashMap<>();
        long goods = 0;
        boolean everyUnit = true;
        for (LineState line : lines) {
            int units = requested.getOrDefault(line.lineId(), 0);
            if (units > 0) {
                long refund = share(line.payable(), line.bought(), line.taken(), units);
                refunds.put(line.lineId(), refund);
                goods = Math.addExact(goods, refund);
            }
            everyUnit &= line.taken() + units == line.bought();
        }
        if (refunds.size() != requested.values().stream().filter(units -> units > 0).count()) {
            throw new IllegalArgumentException("A requested line is not a line of the merchant order");
        }
        return new Quote(Map.copyOf(refunds), goods, beforeShipment && everyUnit ? shippingFee : 0);
    }
}
