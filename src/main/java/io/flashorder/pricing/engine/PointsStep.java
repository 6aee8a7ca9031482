package io.flashorder.pricing.engine;

import io.flashorder.platform.money.LargestRemainder;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.PointsRedemption;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.RuleKind;

import java.math.BigInteger;

/**
 * Last step, after shipping (points pay for goods, never for shipping, and do not change whether shipping is free):
 * the member points the buyer spends. They go in whole granules of the platform's rate (100 points per 1.00 reduces
 * to granules of 1 point worth 1 minor unit), at most the platform's share of the goods still owed. The granules
 * are split across merchant orders, then over each merchant's lines, by largest remainder in proportion to the
 * granules each can still absorb (ties: lower merchantId, then lower skuId), so every line's share is a whole number
 * of granules: exact in points and in money, never more than the line still owes, and a refund can give back
 * exactly the points of what it refunds.
 */
final class PointsStep {

    static final String NAME = "Member points";

    private PointsStep() {
    }

    static void apply(MerchantCart[] merchants, PointsRedemption redemption) {
        if (redemption == null || redemption.points() == 0) {
            return;
        }
        long granularity = redemption.pointsGranularity();
        long granuleValue = redemption.granuleValue();
        if (redemption.points() % granularity != 0) {
            throw new PricingException(PricingError.POINTS_NOT_IN_STEPS, granularity,
                    "points are spent in multiples of " + granularity);
        }
        long granules = redemption.points() / granularity;
        long[][] capacities = new long[merchants.length][];
        long[] merchantCapacity = new long[merchants.length];
        long owed = 0;
        long capacity = 0;
        for (int m = 0; m < merchants.length; m++) {
            PricedLine[] lines = merchants[m].lines;
            capacities[m] = new long[lines.length];
            for (int i = 0; i < lines.length; i++) {
                capacities[m][i] = lines[i].remaining() / granuleValue;
                merchantCapacity[m] += capacities[m][i];
                owed += lines[i].remaining();
            }
            capacity += merchantCapacity[m];
        }
        long capped = BigInteger.valueOf(owed).multiply(BigInteger.valueOf(redemption.maxShareBasisPoints()))
                .divide(BigInteger.valueOf(10_000L * granuleValue)).longValueExact();
        long usable = Math.min(capacity, capped);
        if (granules > usable) {
            throw new PricingException(PricingError.POINTS_OVER_CAP, usable * granularity,
                    "at most " + usable * granularity + " points can be spent on this order");
        }
        String ruleId = Long.toString(redemption.points());
        long[] shares = LargestRemainder.allocate(granules, merchantCapacity);
        for (int m = 0; m < merchants.length; m++) {
            if (shares[m] == 0) {
                continue;
            }
            long[] lineShares = LargestRemainder.allocate(shares[m], capacities[m]);
            long taken = 0;
            for (int i = 0; i < lineShares.length; i++) {
                if (lineShares[i] > 0) {
                    long amount = lineShares[i] * granuleValue;
                    merchants[m].lines[i].take(new Discount(RuleKind.POINTS, ruleId, NAME, amount));
                    taken += amount;
                }
            }
            merchants[m].record(RuleKind.POINTS, ruleId, NAME, taken);
        }
    }
}
