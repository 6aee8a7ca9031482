package io.flashorder.platform.money;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits an amount of minor units into parts proportional to weights, by the largest remainder method
 * (Hamilton): every part first gets the floor of its exact quota, then the units left over go, one each, to
 * the parts with the largest fractional remainders. The parts always sum exactly to the amount.
 *
 * <p>Ties between equal remainders go to the lower index. Callers that need a result independent of input
 * order must therefore pass weights sorted by a stable key (e.g. skuId), never in request order.
 *
 * <p>When {@code total ≤ sum(weights)} no part exceeds its weight, so a discount allocated in proportion to
 * what each line still owes never pushes a line below zero.
 */
public final class LargestRemainder {

    /** Below this size a simple selection beats sorting boxed indices. */
    private static final int SELECTION_LIMIT = 32;

    private LargestRemainder() {
    }

    /**
     * @param total   the non-negative amount to split
     * @param weights non-negative weights; their sum must be positive unless {@code total} is zero
     * @return one part per weight, in the same order, summing exactly to {@code total}
     */
    public static long[] allocate(long total, long[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative: " + total);
        }
        long weightSum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must not be negative: " + w);
            }
            weightSum = Math.addExact(weightSum, w);
        }
        long[] parts = new long[weights.length];
        if (total == 0) {
            return parts;
        }
        if (weightSum == 0) {
            throw new IllegalArgumentException("cannot allocate " + total + " over weights that sum to zero");
        }
        long[] remainders = new long[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            quota(total, weights[i], weightSum, parts, remainders, i);
            allocated += parts[i];
        }
        int leftover = Math.toIntExact(total - allocated); // < number of weights: each remainder is < 1 unit
        if (leftover > 0) {
            giveLeftoverToLargestRemainders(parts, remainders, leftover);
        }
        return parts;
    }

    /** parts[i] = floor(total × weight / sum), remainders[i] = (total × weight) mod sum, exact for any longs. */
    private static void quota(long total, long weight, long sum, long[] parts, long[] remainders, int i) {
        long high = Math.multiplyHigh(total, weight);
        long low = total * weight;
        if (high == 0 && low >= 0) {
            parts[i] = low / sum;
            remainders[i] = low % sum;
        } else {
            BigInteger[] qr = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weight))
                    .divideAndRemainder(BigInteger.valueOf(sum));
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact();
        }
    }

    private static void giveLeftoverToLargestRemainders(long[] parts, long[] remainders, int leftover) {
        int n = parts.length;
        if (n <= SELECTION_LIMIT) {
            boolean[] taken = new boolean[n];
            for (int round = 0; round < leftover; round++) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    // strict '>' keeps the lower index on ties
                    if (!taken[i] && (best < 0 || remainders[i] > remainders[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                parts[best]++;
            }
            return;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            int byRemainder = Long.compare(remainders[b], remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        for (int k = 0; k < leftover; k++) {
            parts[order[k]]++;
        }
    }
}
