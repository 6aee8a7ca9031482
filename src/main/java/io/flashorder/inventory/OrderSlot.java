package io.flashorder.inventory;

import io.flashorder.platform.redis.SlotTags;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The Redis hash slot (hash tag) an order's placement and settlement run in. Slot 0 is the {@code {p}} partition,
 * where every order without a bucketed campaign line lives; slot i is stock bucket i of a bucketed campaign item
 * (see {@code inventory.bucket.StockBuckets}), whose buyers place their orders there so that no script of theirs
 * touches {@code {p}}. The tags are {@link SlotTags#ALL}.
 *
 * @param index 0..{@value #COUNT} - 1; recorded with the order (PostgreSQL {@code customer_order.stock_slot})
 */
public record OrderSlot(int index) {

    /** How many slots exist: the most stock buckets a campaign item may have. */
    public static final int COUNT = 16; // = SlotTags.ALL.size(), a constant for annotations
    public static final OrderSlot HOME = new OrderSlot(0);

    private static final List<OrderSlot> ALL = IntStream.range(0, COUNT).mapToObj(OrderSlot::new).toList();

    public OrderSlot {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("An order slot is 0.." + (COUNT - 1) + ", was " + index);
        }
    }

    public static OrderSlot of(int index) {
        return ALL.get(index);
    }

    /** Every slot, {@code {p}} first: what the writer and the recovery read. */
    public static List<OrderSlot> all() {
        return ALL;
    }

    /** The hash tag every key of this slot carries, braces included. */
    public String tag() {
        return SlotTags.ALL.get(index);
    }

    /**
     * The home bucket slot of a buyer of an item split over {@code buckets} stock buckets: a stable hash (CRC-32 of
     * the id's UTF-8 bytes, the same in every pod and release) of the buyer id, modulo the bucket count; slot 0 for
     * one bucket. The per-buyer limit and the idempotency record of its orders of that item live there.
     */
    public static OrderSlot homeOf(String buyerId, int buckets) {
        checkBuckets(buckets);
        CRC32 crc = new CRC32();
        crc.update(buyerId.getBytes(StandardCharsets.UTF_8));
        return of((int) (crc.getValue() % buckets));
    }

    /** Units of a load per bucket: an even split, the first {@code units % buckets} buckets one unit more. */
    public static List<Long> split(long units, int buckets) {
        checkBuckets(buckets);
        if (units < 0) {
            throw new IllegalArgumentException("A load cannot be negative: " + units);
        }
        long share = units / buckets;
        long rest = units % buckets;
        return IntStream.range(0, buckets).mapToObj(bucket -> share + (bucket < rest ? 1 : 0)).toList();
    }

    private static void checkBuckets(int buckets) {
        if (buckets < 1 || buckets > COUNT) {
            throw new IllegalArgumentException("Bucket count must be 1.." + COUNT + ", was " + buckets);
        }
    }

    @Override
    public String toString() {
        return tag();
    }
}
