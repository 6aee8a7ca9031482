package io.flashorder.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void splitsEvenlyWhenQuotasAreWhole() {
        assertThat(LargestRemainder.allocate(600, new long[] {100, 200, 300})).containsExactly(100, 200, 300);
    }

    @Test
    void leftoverUnitGoesToTheLargestRemainder() {
        // 100 over weights 1:1:1 → quotas 33.33 each; 1 unit left, all remainders equal → lowest index wins.
        assertThat(LargestRemainder.allocate(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    }

    @Test
    void largestFractionWinsOverIndex() {
        // 10 over 1:2:4 (sum 7): exact 1.43, 2.86, 5.71 → floors 1, 2, 5 (sum 8), 2 left;
        // remainders 3/7, 6/7, 5/7 → the 2nd and 3rd get +1 → 1, 3, 6.
        assertThat(LargestRemainder.allocate(10, new long[] {1, 2, 4})).containsExactly(1, 3, 6);
    }

    @Test
    void discountOfTwentyOverThreeLinesSumsExactly() {
        // 2000 over 3333, 3333, 3334 (sum 10000): exact 666.6, 666.6, 666.8 → floors 666, 666, 666 (1998),
        // 2 left; remainders 0.6, 0.6, 0.8 → index 2 first, then index 0 (tie with 1, lower index) → 667, 666, 667.
        assertThat(LargestRemainder.allocate(2000, new long[] {3333, 3333, 3334})).containsExactly(667, 666, 667);
    }

    @Test
    void zeroWeightGetsNothing() {
        assertThat(LargestRemainder.allocate(5, new long[] {0, 3, 0, 3})).containsExactly(0, 3, 0, 2);
    }

    @Test
    void zeroTotalIsAllZerosEvenWithoutWeights() {
        assertThat(LargestRemainder.allocate(0, new long[] {0, 0})).containsExactly(0, 0);
        assertThat(LargestRemainder.allocate(0, new long[0])).isEmpty();
    }

    @Test
    void hugeAmountsDoNotOverflow() {
        long total = Long.MAX_VALUE / 2;
        long[] parts = LargestRemainder.allocate(total, new long[] {Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 3});
        assertThat(parts[0] + parts[1] + parts[2]).isEqualTo(total);
        assertThat(parts[2]).isBetween(0L, 3L);
    }

    @Test
    void manyWeightsUseTheSortingPath() {
        long[] weights = new long[100];
        java.util.Arrays.fill(weights, 1);
        long[] parts = LargestRemainder.allocate(250, weights);
        // 2.5 each → floor 2 (200), 50 left, all remainders equal → the first 50 indices get 3.
        for (int i = 0; i < 100; i++) {
            assertThat(parts[i]).as("part %d", i).isEqualTo(i < 50 ? 3 : 2);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LargestRemainder.allocate(-1, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.allocate(1, new long[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.allocate(1, new long[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
