package io.flashorder.inventory.bucket;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.InventoryService;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.StockRecoveringException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A campaign item's stock split over buckets in different Redis hash slots (see {@link StockBuckets}): the load that
 * splits it and the levels per bucket. Every call touches one bucket's slot. Orders reserve in the buckets through
 * checkout ({@code checkout.StockPlacement}, lua/reserve_order.lua's bucketed roles).
 */
@ApplicationScoped
public class BucketStockService {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactivePubSubCommands<String> pubsub;
    private final InventoryService inventory;

    public BucketStockService(ReactiveRedisDataSource redis, InventoryService inventory) {
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.pubsub = redis.pubsub(String.class);
        this.inventory = inventory;
    }

    /**
     * Loads {@code units} of a campaign SKU, split evenly over its buckets, each bucket's share applied once per
     * batch (a retried batch changes nothing): bucket i > 0 first gets its share of the SKU's warehouse units moved out
     * of {@code {p}} (as many as {@code {p}} has), so an order served there needs no {@code {p}} key. Emits how many
     * buckets applied their share now and what moved where.
     */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, skipOn = StockRecoveringException.class)
    public Uni<BucketLoad> load(UUID campaignId, UUID skuId, UUID batchId, long units, int buckets) {
        List<Long> shares = StockBuckets.split(units, buckets);
        Map<Integer, Map<UUID, Long>> moved = new ConcurrentHashMap<>();
        return Multi.createFrom().range(0, buckets).filter(bucket -> shares.get(bucket) > 0)
                .onItem().transformToUniAndConcatenate(bucket -> (bucket == 0 ? Uni.createFrom().item(Map.<UUID, Long>of())
                        : inventory.moveOutOfPartition(batchId, skuId, bucket, shares.get(bucket))
                                .invoke(warehouseUnits -> moved.put(bucket, warehouseUnits)))
                        .chain(warehouseUnits -> inventory.applyBucketShare(OrderSlot.of(bucket), batchId, campaignId, skuId,
                                shares.get(bucket), warehouseUnits)))
                .collect().asList()
                .map(applied -> new BucketLoad((int) applied.stream().filter(Boolean::booleanValue).count(),
                        Map.copyOf(moved)))
                .call(() -> pubsub.publish(InventoryKeys.RESTOCKED_CHANNEL, SoldOutCache.keyOf(skuId, campaignId)));
    }

    /** Each bucket's counters of a campaign SKU: what the reconciliation checks, per bucket and summed. */
    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<BucketLevels> levels(UUID campaignId, UUID skuId, int buckets) {
        String[] fields = Stream.of(InventoryKeys.AVAILABLE, InventoryKeys.HELD, InventoryKeys.SOLD, InventoryKeys.LOADED)
                .map(counter -> InventoryKeys.campaignField(skuId, counter)).toArray(String[]::new);
        List<Uni<BucketLevels.Bucket>> reads = IntStream.range(0, buckets).mapToObj(bucket ->
                hashes.hmget(InventoryKeys.campaign(OrderSlot.of(bucket), campaignId.toString()), fields).map(values ->
                        new BucketLevels.Bucket(bucket, count(values, fields[0]), count(values, fields[1]),
                                count(values, fields[2]), count(values, fields[3])))).toList();
        return Uni.join().all(reads).andFailFast().map(all -> new BucketLevels(campaignId, skuId, all));
    }

    private static long count(Map<String, String> values, String field) {
        String value = values.get(field);
        return value == null ? 0L : Long.parseLong(value);
    }
}
