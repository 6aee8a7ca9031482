package io.flashorder.logistics.carrier;

/** Shipping insurance (保价), exact in minor units. */
public final class InsurancePremium {

    /** Largest declared value accepted (minor units), so value × basis points always fits a long. */
    public static final long MAX_DECLARED_VALUE = 100_000_000_000_000L;

    private InsurancePremium() {
    }

    /** A parcel is insured when its goods value exceeds the merchant's threshold. */
    public static boolean insured(long declaredValue, long threshold) {
        return declaredValue > threshold;
    }

    /** {@code basisPoints} of the declared value rounded up to the minor unit, never below {@code minimumFee}. */
    public static long premium(long declaredValue, int basisPoints, long minimumFee) {
        if (declaredValue < 0 || declaredValue > MAX_DECLARED_VALUE || basisPoints < 0 || basisPoints > 10_000
                || minimumFee < 0) {
            throw new IllegalArgumentException("premium of " + declaredValue + " at " + basisPoints + " bp, minimum "
                    + minimumFee);
        }
        return Math.max(minimumFee, Math.ceilDiv(declaredValue * basisPoints, 10_000L));
    }
}
