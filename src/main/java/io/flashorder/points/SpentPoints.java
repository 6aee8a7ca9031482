package io.flashorder.points;

import io.flashorder.order.PlacedOrder;

import java.math.BigInteger;
import java.util.UUID;

/**
 * The member points an order spent, as its price records them: the POINTS rule names the points (its ruleId) and the
 * money they took off (its amount), and each line carries its share of that money. Pricing gives every line a whole
 * number of the rate's granules, so a merchant order's points are exact: its money share × points / money.
 */
final class SpentPoints {

    static final String KIND = "POINTS";

    private SpentPoints() {
    }

    /** Points spent on one merchant order of the order (0 when the order spent none). */
    static long ofMerchantOrder(PlacedOrder order, UUID merchantOrderId) {
        long points = 0;
        long money = 0;
        for (PlacedOrder.Rule rule : order.rules()) {
            if (KIND.equals(rule.kind())) {
                points += Long.parseLong(rule.ruleId());
                money += rule.amount();
            }
        }
        if (points == 0 || money == 0) {
            return 0;
        }
        long share = order.merchantOrders().stream().filter(mo -> mo.id().equals(merchantOrderId))
                .flatMap(mo -> mo.lines().stream()).flatMap(line -> line.discounts().stream())
                .filter(discount -> KIND.equals(discount.kind())).mapToLong(PlacedOrder.Rule::amount).sum();
        return BigInteger.valueOf(share).multiply(BigInteger.valueOf(points)).divide(BigInteger.valueOf(money))
                .longValueExact();
    }
}
