package io.flashorder.points;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of earning, clawing back and expiring points. */
class PointsMathTest {

    @Test
    void earningRoundsDown() {
        assertThat(PointsMath.earned(7_599, 100)).isEqualTo(75);
        assertThat(PointsMath.earned(0, 100)).isZero();
        assertThat(PointsMath.earned(Long.MAX_VALUE, 10_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Property
    void clawbacksOfSuccessiveRefundsAddUpAndNeverExceedWhatWasEarned(
            @ForAll @LongRange(min = 0, max = 1_000_000) long earned,
            @ForAll @LongRange(min = 1, max = 100_000_000) long basis,
            @ForAll @Size(min = 1, max = 10) List<@LongRange(min = 0, max = 100_000_000) Long> refunds) {
        long refunded = 0;
        long clawed = 0;
        for (long refund : refunds) {
            refunded = Math.min(basis, refunded + refund);
            long now = PointsMath.clawedBackInAll(earned, basis, refunded) - clawed;
            assertThat(now).isNotNegative();
            clawed += now;
        }
        assertThat(clawed).isLessThanOrEqualTo(earned);
        assertThat(PointsMath.clawedBackInAll(earned, basis, basis)).isEqualTo(earned);
    }

    @Property
    void expiryNeverTakesMoreThanWhatIsLeftOfTheDueCredits(@ForAll @LongRange(min = 0, max = 1_000_000) long due,
                                                            @ForAll @LongRange(min = 0, max = 1_000_000) long debits,
                                                            @ForAll @IntRange(min = 0, max = 1_000_000) int later) {
        long expiring = PointsMath.expiring(due, debits);
        assertThat(expiring).isBetween(0L, due);
        // What stays is at least the credits not due yet, and never negative.
        long balance = due + later - debits;
        assertThat(balance - expiring).isGreaterThanOrEqualTo(Math.min(later, balance));
    }
}
