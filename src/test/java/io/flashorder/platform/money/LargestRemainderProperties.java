package io.flashorder.platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class LargestRemainderProperties {

    @Property(tries = 500)
    void partsSumExactlyToTotal(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long total,
                                @ForAll("weights") long[] weights) {
        Assume.that(sum(weights) > 0);
        long[] parts = LargestRemainder.allocate(total, weights);
        assertThat(sum(parts)).isEqualTo(total);
    }

    @Property(tries = 500)
    void eachPartIsWithinOneUnitBelowOrAboveItsExactQuota(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long total, @ForAll("weights") long[] weights) {
        long weightSum = sum(weights);
        Assume.that(weightSum > 0);
        long[] parts = LargestRemainder.allocate(total, weights);
        for (int i = 0; i < weights.length; i++) {
            long floor = exactFloor(total, weights[i], weightSum);
            assertThat(parts[i]).isBetween(floor, floor + 1);
        }
    }

    @Property(tries = 500)
    void leftoverUnitsGoToTheLargestRemaindersLowerIndexFirst(
            @ForAll @LongRange(min = 0, max = 100_000_000L) long total, @ForAll("weights") long[] weights) {
        long weightSum = sum(weights);
        Assume.that(weightSum > 0);
        long[] parts = LargestRemainder.allocate(total, weights);
        // Whoever got a bonus unit must rank at least as high (remainder desc, index asc) as whoever did not.
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights.length; j++) {
                boolean iBumped = parts[i] > exactFloor(total, weights[i], weightSum);
                boolean jBumped = parts[j] > exactFloor(total, weights[j], weightSum);
                if (iBumped && !jBumped) {
                    long ri = exactRemainder(total, weights[i], weightSum);
                    long rj = exactRemainder(total, weights[j], weightSum);
                    assertThat(ri > rj || (ri == rj && i < j))
                            .as("part %d (remainder %d) bumped before part %d (remainder %d)", i, ri, j, rj)
                            .isTrue();
                }
            }
        }
    }

    @Property(tries = 500)
    void noPartExceedsItsWeightWhenTotalFitsInTheWeights(@ForAll("weights") long[] weights,
                                                         @ForAll @LongRange(min = 0, max = 10_000) long permille) {
        long weightSum = sum(weights);
        Assume.that(weightSum > 0);
        long total = BigInteger.valueOf(weightSum).multiply(BigInteger.valueOf(permille))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
        long[] parts = LargestRemainder.allocate(total, weights);
        for (int i = 0; i < weights.length; i++) {
            assertThat(parts[i]).isBetween(0L, weights[i]);
        }
    }

    @Property(tries = 300)
    void sameInputSameOutput(@ForAll @LongRange(min = 0, max = 1_000_000L) long total,
                             @ForAll("weights") long[] weights) {
        Assume.that(sum(weights) > 0);
        assertThat(LargestRemainder.allocate(total, weights.clone()))
                .containsExactly(LargestRemainder.allocate(total, weights.clone()));
    }

    @Provide
    Arbitrary<long[]> weights() {
        Arbitrary<Long> weight = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 10),
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between(0, 1_000_000_000_000L));
        Arbitrary<List<Long>> small = weight.list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<List<Long>> large = weight.list().ofMinSize(33).ofMaxSize(60);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, large))
                .map(list -> list.stream().mapToLong(Long::longValue).toArray());
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).reduce(0, Math::addExact);
    }

    private static long exactFloor(long total, long weight, long weightSum) {
        return BigInteger.valueOf(total).multiply(BigInteger.valueOf(weight))
                .divide(BigInteger.valueOf(weightSum)).longValueExact();
    }

    private static long exactRemainder(long total, long weight, long weightSum) {
        return BigInteger.valueOf(total).multiply(BigInteger.valueOf(weight))
                .mod(BigInteger.valueOf(weightSum)).longValueExact();
    }
}
