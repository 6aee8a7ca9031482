package io.flashorder.inventory.bucket;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Layout of a campaign item's stock buckets. Bucket i is {@link OrderSlot} i: bucket 0 is the {@code {p}} partition
 * itself, so one bucket keeps today's keys exactly, and every three buckets in a row land on different primaries.
 * <ul>
 *   <li>{@code stock:{tag}:campaign:<campaignId>} hash: {@code <skuId>:available|held|sold|loaded} of this bucket
 *       (invariant per bucket: loaded = available + held + sold).</li>
 *   <li>{@code stock:{tag}:campaign-buyers:<campaignId>} hash: campaign units of each buyer whose home bucket this
 *       is, wherever its units were taken (the per-buyer limit lives in one slot).</li>
 *   <li>{@code stock:{tag}:bucket-idem:<userId>:<digest>}: {@code <requestHash>|<orderId>}, in the home bucket.</li>
 *   <li>{@code stock:{tag}:bucket-hold:<orderId>} hash, in the home bucket: {@code userId}, {@code status}
 *       (FALLBACK, HELD, RELEASED), {@code origin} (the bucket that gave the units), {@code units},
 *       {@code lines} ({@code sku=qty,...}).</li>
 *   <li>{@code stock:{tag}:bucket-take:<orderId>} hash, in the bucket that gave the units when that is not the home
 *       bucket: {@code userId}, {@code status} (HELD, RELEASED), {@code lines}.</li>
 *   <li>{@code stock:{tag}:load:<batchId>} and {@code stock:{tag}:recovery-fence}: as in {@code InventoryKeys}, per
 *       bucket, for lua/apply_stock_load.lua.</li>
 * </ul>
 */
public final class StockBuckets {

    /** The most buckets a campaign item may have; the tag table below has exactly this many entries. */
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

    public static String campaign(UUID campaignId, int bucket) {
        return "stock:" + tag(bucket) + ":campaign:" + campaignId;
    }

    public static String campaignBuyers(UUID campaignId, int bucket) {
        return "stock:" + tag(bucket) + ":campaign-buyers:" + campaignId;
    }

    public static String idempotency(String userId, String keyDigest, int bucket) {
        return "stock:" + tag(bucket) + ":bucket-idem:" + userId + ":" + keyDigest;
    }

    public static String hold(UUID orderId, int bucket) {
        return "stock:" + tag(bucket) + ":bucket-hold:" + orderId;
    }

    public static String take(UUID orderId, int bucket) {
        return "stock:" + tag(bucket) + ":bucket-take:" + orderId;
    }

    public static String loadMarker(UUID batchId, int bucket) {
        return "stock:" + tag(bucket) + ":load:" + batchId;
    }

    public static String recoveryFence(int bucket) {
        return "stock:" + tag(bucket) + ":recovery-fence";
    }

    static String field(UUID skuId, String counter) {
        return InventoryKeys.campaignField(skuId, counter);
    }
}
