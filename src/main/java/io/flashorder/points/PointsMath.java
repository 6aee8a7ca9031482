package io.flashorder.points;

import io.flashorder.platform.money.BasisPoints;

import java.math.BigInteger;

/** The exact arithmetic of points: what is earned, clawed back and expired. Pure; never rounds in the buyer's favour twice. */
public final class PointsMath {

    private PointsMath() {
    }

    /** Points earned on {@code goodsMinor} of paid goods at {@code basisPoints} per minor unit, rounded down. */
    public static long earned(long goodsMinor, int basisPoints) {
        if (goodsMinor < 0) {
            throw new IllegalArgumentException("paid goods must not be negative: " + goodsMinor);
        }
        BasisPoints.requireValid(basisPoints);
        long whole = goodsMinor / BasisPoints.ONE_HUNDRED_PERCENT;
        long rest = goodsMinor % BasisPoints.ONE_HUNDRED_PERCENT;
        return whole * basisPoints + rest * basisPoints / BasisPoints.ONE_HUNDRED_PERCENT;
    }

    /**
     * How many of {@code earned} points (earned on {@code basis}) the refunds of {@code refunded} so far take back in
     * all, rounded down: each refund claws back the difference to the previous total, so the parts always add up and
     * refunding the whole basis takes back exactly what was earned.
     */
    public static long clawedBackInAll(long earned, long basis, long refunded) {
        if (earned < 0 || basis <= 0 || refunded < 0) {
            throw new IllegalArgumentException("earned " + earned + ", basis " + basis + ", refunded " + refunded);
        }
        long taken = Math.min(refunded, basis);
        return BigInteger.valueOf(earned).multiply(BigInteger.valueOf(taken))
                .divide(BigInteger.valueOf(basis)).longValueExact();
    }

    /**
     * Points that expire at a moment, FIFO: every debit so far (spending, clawbacks, earlier expiries) used the
     * earliest-expiring credits first, so what is left of the credits due by then is their sum less all debits.
     *
     * @param creditsDue the credits whose expiry has come
     * @param debits     every debit so far, as a positive number (points held by unpaid orders included)
     */
    public static long expiring(long creditsDue, long debits) {
        return Math.max(0, creditsDue - debits);
    }
}
