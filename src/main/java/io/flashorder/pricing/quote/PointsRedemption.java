package io.flashorder.pricing.quote;

/**
 * Member points a buyer spends on a cart, at the platform's rate: every {@code pointsPerStep} points are worth
 * {@code valuePerStep} minor units (100 points = 100 minor units = 1.00 by default, so 1 point = 1 minor unit), and
 * at most {@code maxShareBasisPoints} of the goods the cart still owes after every other discount may be paid so.
 * Points are spent in whole steps, so the discount and each line's share of it are exact in points and in money.
 */
public record PointsRedemption(long points, long pointsPerStep, long valuePerStep, int maxShareBasisPoints) {

    public PointsRedemption {
        if (points < 0 || pointsPerStep <= 0 || valuePerStep <= 0 || maxShareBasisPoints < 0
                || maxShareBasisPoints > 10_000) {
            throw new IllegalArgumentException("points " + points + " at " + pointsPerStep + " per " + valuePerStep
                    + ", cap " + maxShareBasisPoints + " bp");
        }
    }

    /** Points are spent in multiples of this many (the rate reduced: 100 points per 100 minor units gives 1). */
    public long pointsGranularity() {
        return pointsPerStep / gcd(pointsPerStep, valuePerStep);
    }

    /** What one granule of points is worth, in minor units. */
    public long granuleValue() {
        return valuePerStep / gcd(pointsPerStep, valuePerStep);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
