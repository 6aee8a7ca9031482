package io.flashorder.inventory.bucket;

import java.util.List;
import java.util.UUID;

/**
 * A campaign SKU's counters in each of its buckets, and summed. The reconciliation invariant,
 * {@code loaded = available + held + sold}, holds for every bucket and therefore for the sum: units never travel
 * between buckets (a fallback takes them where they are), so nothing is ever in transit.
 */
public record BucketLevels(UUID campaignId, UUID skuId, List<Bucket> buckets) {

    public record Bucket(int index, long available, long held, long sold, long loaded) {

        public long drift() {
            return loaded - available - held - sold;
        }
    }

    public long available() {
        return buckets.stream().mapToLong(Bucket::available).sum();
    }

    public long held() {
        return buckets.stream().mapToLong(Bucket::held).sum();
    }

    public long sold() {
        return buckets.stream().mapToLong(Bucket::sold).sum();
    }

    public long loaded() {
        return buckets.stream().mapToLong(Bucket::loaded).sum();
    }

    /** True when every bucket, and so the SKU, satisfies loaded = available + held + sold, none negative. */
    public boolean consistent() {
        return buckets.stream().allMatch(b -> b.drift() == 0 && b.available() >= 0 && b.held() >= 0 && b.sold() >= 0);
    }
}
