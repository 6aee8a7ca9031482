package io.flashorder.platform.money;

/**
 * Percentages as basis points (1% = 100 bp, 100% = 10,000 bp), applied to minor units without floating point.
 */
public final class BasisPoints {

    public static final int ONE_HUNDRED_PERCENT = 10_000;

    private BasisPoints() {
    }

    /**
     * {@code amount × bp / 10,000}, rounded half up (a half minor unit rounds up).
     * Exact for every non-negative {@code long} amount: the amount is split so no intermediate product overflows.
     *
     * @param amountMinor non-negative amount in minor units
     * @param bp          basis points in [0, 10,000]
     */
    public static long shareHalfUp(long amountMinor, int bp) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amountMinor);
        }
        requireValid(bp);
        // amount = whole × 10,000 + rest; whole × bp ≤ amount cannot overflow, rest × bp < 10^8.
        long whole = amountMinor / ONE_HUNDRED_PERCENT;
        long rest = amountMinor % ONE_HUNDRED_PERCENT;
        return whole * bp + (rest * bp + ONE_HUNDRED_PERCENT / 2) / ONE_HUNDRED_PERCENT;
    }

    /** Throws unless {@code bp} is a valid percentage in [0, 10,000]. */
    public static int requireValid(int bp) {
        if (bp < 0 || bp > ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("basis points must be in [0, 10000]: " + bp);
        }
        return bp;
    }
}
