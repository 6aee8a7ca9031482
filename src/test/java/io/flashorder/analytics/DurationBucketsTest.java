package io.flashorder.analytics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DurationBucketsTest {

    @Property
    void aReportedBoundIsNeverBelowTheDurationNorMoreThan19PercentAbove(
            @ForAll @LongRange(min = 1_000, max = 90L * 24 * 3600 * 1000) long millis) {
        int bucket = DurationBuckets.bucketOf(Duration.ofMillis(millis));
        double seconds = millis / 1000.0;
        assertThat(DurationBuckets.upperBoundSeconds(bucket)).isGreaterThan(seconds);
        assertThat(DurationBuckets.lowerBoundSeconds(bucket)).isLessThanOrEqualTo(seconds);
        assertThat(DurationBuckets.upperBoundSeconds(bucket) / DurationBuckets.lowerBoundSeconds(bucket))
                .isLessThan(1.19);
    }

    @Test
    void bucketBoundsAreExactAtPowersOfTwo() {
        assertThat(DurationBuckets.bucketOf(Duration.ofMillis(999))).isZero();
        assertThat(DurationBuckets.bucketOf(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(DurationBuckets.bucketOf(Duration.ofSeconds(2))).isEqualTo(5);
        assertThat(DurationBuckets.bucketOf(Duration.ofSeconds(512))).isEqualTo(37);
        assertThat(DurationBuckets.bucketOf(Duration.ofSeconds(511))).isEqualTo(36);
        assertThat(DurationBuckets.bucketOf(Duration.ofMinutes(-5))).isZero();
    }

    @Test
    void percentilesAreTheBoundOfTheBucketHoldingTheirRank() {
        // 10 observations: buckets 10 ×4, 20 ×5, 30 ×1 → p50 (rank 5) and p90 (rank 9) in 20, p99 (rank 10) in 30
        Map<Integer, Long> histogram = new HashMap<>(Map.of(10, 4L, 20, 5L, 30, 1L));
        assertThat(DurationBuckets.percentileSeconds(histogram, 0.5)).isEqualTo(DurationBuckets.reportedSeconds(20));
        assertThat(DurationBuckets.percentileSeconds(histogram, 0.9)).isEqualTo(DurationBuckets.reportedSeconds(20));
        assertThat(DurationBuckets.percentileSeconds(histogram, 0.99)).isEqualTo(DurationBuckets.reportedSeconds(30));
        assertThat(DurationBuckets.reportedSeconds(20)).isEqualTo(32);
        assertThat(DurationBuckets.percentileSeconds(Map.of(), 0.5)).isNull();
    }
}
