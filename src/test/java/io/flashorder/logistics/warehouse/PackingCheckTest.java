package io.flashorder.logistics.warehouse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The packing review's pure rules. */
class PackingCheckTest {

    private static final UUID A = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-7000-8000-00000000000b");

    @Test
    void linesOfOneSkuAddUp() {
        UUID order = UUID.randomUUID();
        assertThat(PackingCheck.unitsBySku(List.of(new ParcelLine(UUID.randomUUID(), order, A, 2),
                new ParcelLine(UUID.randomUUID(), order, A, 3), new ParcelLine(UUID.randomUUID(), order, B, 1))))
                .isEqualTo(Map.of(A, 5L, B, 1L));
    }

    @Test
    void missingExtraAndForeignUnitsAreEachADifference() {
        assertThat(PackingCheck.differences(Map.of(A, 2L), Map.of(A, 2L))).isEmpty();
        assertThat(PackingCheck.differences(Map.of(A, 2L, B, 1L), Map.of(A, 3L)))
                .containsExactly(new PackingCheck.Difference(A, 2, 3, 1), new PackingCheck.Difference(B, 1, 0, -1));
        UUID foreign = UUID.fromString("00000000-0000-7000-8000-0000000000ff");
        assertThat(PackingCheck.differences(Map.of(A, 1L), Map.of(A, 1L, foreign, 2L)))
                .containsExactly(new PackingCheck.Difference(foreign, 0, 2, 2));
    }

    @Property
    void aDifferenceIsReportedExactlyWhenTheCountsDiffer(@ForAll @LongRange(min = 1, max = 1000) long expected,
                                                         @ForAll @LongRange(min = 0, max = 1000) long scanned) {
        var differences = PackingCheck.differences(Map.of(A, expected), scanned == 0 ? Map.of() : Map.of(A, scanned));
        assertThat(differences.isEmpty()).isEqualTo(expected == scanned);
        differences.forEach(d -> assertThat(d.difference()).isEqualTo(d.scanned() - d.expected()));
    }

    @Test
    void theToleranceIsTheLargerOfTheShareAndTheMinimum() {
        assertThat(PackingCheck.weightFlagged(1_000, 1_100, 1_000, 50)).isFalse();
        assertThat(PackingCheck.weightFlagged(1_000, 1_101, 1_000, 50)).isTrue();
        assertThat(PackingCheck.weightFlagged(1_000, 899, 1_000, 50)).isTrue();
        assertThat(PackingCheck.weightFlagged(100, 150, 1_000, 50)).isFalse();
        assertThat(PackingCheck.weightFlagged(100, 151, 1_000, 50)).isTrue();
    }

    @Property
    void aWeightWithinTheToleranceIsNeverFlaggedAndOneBeyondAlways(
            @ForAll @LongRange(min = 0, max = 10_000_000) long expected, @ForAll @IntRange(min = 0, max = 5_000) int bp,
            @ForAll @IntRange(min = 0, max = 1_000) int minGrams) {
        long tolerance = Math.max((expected * bp + 9_999) / 10_000, minGrams);
        assertThat(PackingCheck.weightFlagged(expected, expected + tolerance, bp, minGrams)).isFalse();
        assertThat(PackingCheck.weightFlagged(expected, expected + tolerance + 1, bp, minGrams)).isTrue();
        assertThat(PackingCheck.weightFlagged(expected, expected - tolerance - 1, bp, minGrams)).isTrue();
    }
}
