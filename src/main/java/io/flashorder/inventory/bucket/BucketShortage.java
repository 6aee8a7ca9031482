package io.flashorder.inventory.bucket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the stock buckets asked for one order lacked: per SKU, the units those buckets had and how many lacked it. A
 * SKU every bucket lacked with no unit left anywhere is sold out; one only some buckets lacked is not. Not
 * thread-safe: one order's walk over the buckets is sequential.
 */
public final class BucketShortage {

    private final int buckets;
    private final Map<UUID, long[]> bySku = new LinkedHashMap<>(); // {units summed, buckets that lacked it}

    public BucketShortage(int buckets) {
        this.buckets = buckets;
    }

    /** One bucket's answer: the SKUs it could not fill, with the units it had of each. */
    public BucketShortage add(Map<UUID, Long> lacking) {
        lacking.forEach((sku, units) -> {
            long[] seen = bySku.computeIfAbsent(sku, ignored -> new long[2]);
            seen[0] += units;
            seen[1]++;
        });
        return this;
    }

    /** SKUs no bucket had enough of, with their units summed (0: sold out in every bucket). */
    public Map<UUID, Long> shortEverywhere() {
        Map<UUID, Long> everywhere = new LinkedHashMap<>();
        bySku.forEach((sku, seen) -> {
            if (seen[1] == buckets) {
                everywhere.put(sku, seen[0]);
            }
        });
        return everywhere;
    }

    /** Every SKU some bucket lacked, with the units those buckets had. */
    public Map<UUID, Long> seen() {
        Map<UUID, Long> seen = new LinkedHashMap<>();
        bySku.forEach((sku, counts) -> seen.put(sku, counts[0]));
        return seen;
    }
}
