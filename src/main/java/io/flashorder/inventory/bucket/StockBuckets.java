package io.flashorder.inventory.bucket;

import io.flashorder.inventory.OrderSlot;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Layout of a campaign item's stock buckets. Bucket i is {@link OrderSlot} i: bucket 0 is the {@code {p}} partition
 * itself, so one bucket keeps today's keys exactly, and every three buckets in a row land on different primaries.
 * A bucket's keys are its slot's ({@code InventoryKeys}, {@code OrderKeys} with {@code OrderSlot.of(bucket)}): the
 * campaign stock hash ({@code <skuId>:available|held|sold|loaded}, loaded = available + held + sold per bucket), and,
 * in a buyer's home bucket only, its campaign units (the per-buyer limit) and its idempotency records.
 */
public final class StockBuckets {

    /** The most buckets a campaign item may have: one per order slot. */
    public static final int MAX = OrderSlot.COUNT;

    private StockBuckets() {
    }

    /** Bucket i lives in order slot i: a buyer's orders for the item run in its home bucket's slot. */
    public static String tag(int bucket) {
        return OrderSlot.of(bucket).tag();
    }

    /**
     * The buyer's home bucket: a stable hash (CRC-32 of the id's UTF-8 bytes, the same in every pod and release) of
     * the buyer id, modulo the bucket count.
     */
    public static int homeOf(String buyerId, int buckets) {
        return OrderSlot.homeOf(buyerId, buckets).index();
    }

    /** Units of a load per bucket: an even split, the first {@code units % buckets} buckets one unit more. */
    public static List<Long> split(long units, int buckets) {
        return OrderSlot.split(units, buckets);
    }

    /** The other buckets a buyer's order may fall back to, in the order they are asked: after home, round the ring. */
    public static List<Integer> fallbacksOf(int home, int buckets) {
        return IntStream.range(1, buckets).mapToObj(step -> (home + step) % buckets).toList();
    }
}
