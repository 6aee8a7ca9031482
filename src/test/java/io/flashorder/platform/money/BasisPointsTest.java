package io.flashorder.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BasisPointsTest {

    @Test
    void fivePercentOfTwoHundred() {
        // 20000 minor × 500 bp / 10000 = 1000 exactly
        assertThat(BasisPoints.shareHalfUp(20_000, 500)).isEqualTo(1_000);
    }

    @Test
    void roundsHalfUp() {
        // 10 × 500 / 10000 = 0.5 → 1 ; 9 × 500 / 10000 = 0.45 → 0 ; 30 × 500 / 10000 = 1.5 → 2
        assertThat(BasisPoints.shareHalfUp(10, 500)).isEqualTo(1);
        assertThat(BasisPoints.shareHalfUp(9, 500)).isEqualTo(0);
        assertThat(BasisPoints.shareHalfUp(30, 500)).isEqualTo(2);
    }

    @Test
    void boundsAreZeroAndAll() {
        assertThat(BasisPoints.shareHalfUp(12_345, 0)).isZero();
        assertThat(BasisPoints.shareHalfUp(12_345, 10_000)).isEqualTo(12_345);
        assertThat(BasisPoints.shareHalfUp(Long.MAX_VALUE, 10_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsOutOfRange() {
        assertThatThrownBy(() -> BasisPoints.shareHalfUp(-1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BasisPoints.shareHalfUp(1, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BasisPoints.shareHalfUp(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void matchesBigIntegerHalfUp(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long amount,
                                 @ForAll @IntRange(min = 0, max = 10_000) int bp) {
        BigInteger expected = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bp))
                .add(BigInteger.valueOf(5_000)).divide(BigInteger.valueOf(10_000));
        assertThat(BasisPoints.shareHalfUp(amount, bp)).isEqualTo(expected.longValueExact());
    }
}
