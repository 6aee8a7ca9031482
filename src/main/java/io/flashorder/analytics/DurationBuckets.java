package io.flashorder.analytics;

import java.time.Duration;
import java.util.Map;

/**
 * Fixed logarithmic buckets of durations, four per doubling: bucket 0 holds durations under a second, bucket
 * {@code k >= 1} those of at least 2^((k-1)/4) and less than 2^(k/4) seconds (each bound about 19 % above the
 * previous), up to {@value #LAST} (about 2^29 s, 17 years). A stage's histogram per day is a handful of counters,
 * and histograms add up across days, warehouses and merchants; a percentile is read as the upper bound of the
 * bucket that holds it, so it is at most 19 % above the true value and never below it.
 */
public final class DurationBuckets {

    static final int LAST = 120;

    private DurationBuckets() {
    }

    public static int bucketOf(Duration duration) {
        double seconds = Math.max(0, duration.toMillis()) / 1000.0;
        if (seconds < 1) {
            return 0;
        }
        int bucket = (int) Math.floor(4 * Math.log(seconds) / Math.log(2)) + 1;
        // Floating point may put an exact bound one bucket off: settle it against the bounds themselves.
        while (bucket > 1 && seconds < lowerBoundSeconds(bucket)) {
            bucket--;
        }
        while (bucket < LAST && seconds >= upperBoundSeconds(bucket)) {
            bucket++;
        }
        return Math.min(bucket, LAST);
    }

    /** The exclusive upper bound of a bucket in seconds (1 for bucket 0). */
    public static double upperBoundSeconds(int bucket) {
        return Math.pow(2, bucket / 4.0);
    }

    static double lowerBoundSeconds(int bucket) {
        return bucket == 0 ? 0 : Math.pow(2, (bucket - 1) / 4.0);
    }

    /** What a percentile read from this bucket says: its upper bound, whole seconds rounded up. */
    public static long reportedSeconds(int bucket) {
        return (long) Math.ceil(upperBoundSeconds(bucket));
    }

    /**
     * The {@code quantile} (0 &lt; q &lt;= 1) of a histogram (bucket → count), as the reported bound of the bucket
     * holding the observation of rank ceil(q × total); null for an empty histogram.
     */
    public static Long percentileSeconds(Map<Integer, Long> histogram, double quantile) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : new java.util.TreeMap<>(histogram).entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return reportedSeconds(entry.getKey());
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }
}
