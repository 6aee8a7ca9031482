package io.flashorder.inventory;

import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The stock authority in Redis: loads stock and reads levels, always through atomic commands or scripts. */
@ApplicationScoped
public class InventoryService {

    private static final LuaScript APPLY_STOCK_LOAD = LuaScript.load("apply_stock_load");
    private static final LuaScript MOVE_STOCK_OUT = LuaScript.load("move_stock_out");

    private final RedisScripts scripts;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final FlashorderConfig config;
    private final ReactivePubSubCommands<String> pubsub;

    public InventoryService(RedisScripts scripts, ReactiveRedisDataSource redis, FlashorderConfig config) {
        this.scripts = scripts;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.config = config;
        this.pubsub = redis.pubsub(String.class);
    }

    /**
     * Adds every increment of one batch in one atomic step, once: a replay of the same batch id changes nothing.
     * Emits true when applied now, false when the batch had been applied before. Safe to retry. Fails with
     * {@link StockRecoveringException} while a recovery rebuilds the stock (the load then stays pending).
     */
    @Timeout(value = 2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, skipOn = StockRecoveringException.class)
    public Uni<Boolean> applyLoad(UUID batchId, List<StockIncrement> increments) {
        List<String> keys = new ArrayList<>();
        keys.add(InventoryKeys.loadMarker(batchId));
        Map<String, Integer> keyIndex = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(config.stock().loadMarkerTtl().toSeconds()));
        for (StockIncrement increment : increments) {
            String key = increment.campaignId() == null
                    ? InventoryKeys.sku(increment.skuId())
                    : InventoryKeys.campaign(increment.campaignId());
            int index = keyIndex.computeIfAbsent(key, k -> {
                keys.add(k);
                return keys.size(); // Lua arrays are 1-based
            });
            String quantity = Integer.toString(increment.quantity());
            if (increment.campaignId() == null) {
                addIncrement(args, index, InventoryKeys.warehouseField(increment.warehouseId()), quantity);
                addIncrement(args, index, InventoryKeys.AVAILABLE, quantity);
                addIncrement(args, index, InventoryKeys.LOADED, quantity);
            } else {
                addIncrement(args, index, InventoryKeys.campaignField(increment.skuId(), InventoryKeys.AVAILABLE), quantity);
                addIncrement(args, index, InventoryKeys.campaignField(increment.skuId(), InventoryKeys.LOADED), quantity);
            }
        }
        keys.add(InventoryKeys.RECOVERY_FENCE);
        return applyOnce(keys, args).call(() -> announceRestock(increments));
    }

    /**
     * Moves up to {@code units} of a SKU's warehouse units out of {@code {p}} for stock bucket {@code bucket} of a load
     * batch, once (lua/move_stock_out.lua; a replay gets what was moved before). Emits the units moved per warehouse.
     */
    public Uni<Map<UUID, Long>> moveOutOfPartition(UUID batchId, UUID skuId, int bucket, long units) {
        return scripts.run(MOVE_STOCK_OUT, List.of(InventoryKeys.movedOutMarker(batchId, skuId, bucket),
                        InventoryKeys.sku(skuId), InventoryKeys.RECOVERY_FENCE),
                List.of(Long.toString(config.stock().loadMarkerTtl().toSeconds()), Long.toString(units))).map(result -> {
            if ("RECOVERING".equals(result.get(0).toString())) {
                throw new StockRecoveringException("The stock is being rebuilt; the load will be applied after");
            }
            Map<UUID, Long> moved = new LinkedHashMap<>();
            String record = result.get(1).toString();
            for (String share : record.isEmpty() ? new String[0] : record.split(",")) {
                int equals = share.indexOf('=');
                moved.put(UUID.fromString(share.substring(0, equals)), Long.parseLong(share.substring(equals + 1)));
            }
            return moved;
        });
    }

    /**
     * One stock bucket's share of a campaign SKU's load, applied once per batch and SKU in that bucket's slot: the
     * campaign units, and the warehouse units moved there for it (none for bucket 0, which is {@code {p}}). Emits
     * true when applied now. The caller announces the restock and bounds the call.
     */
    public Uni<Boolean> applyBucketShare(OrderSlot bucket, UUID batchId, UUID campaignId, UUID skuId, long units,
                                         Map<UUID, Long> warehouseUnits) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(config.stock().loadMarkerTtl().toSeconds()));
        String share = Long.toString(units);
        addIncrement(args, 2, InventoryKeys.campaignField(skuId, InventoryKeys.AVAILABLE), share);
        addIncrement(args, 2, InventoryKeys.campaignField(skuId, InventoryKeys.LOADED), share);
        long moved = warehouseUnits.values().stream().mapToLong(Long::longValue).sum();
        warehouseUnits.forEach((warehouse, count) ->
                addIncrement(args, 3, InventoryKeys.warehouseField(warehouse), Long.toString(count)));
        if (moved > 0) {
            addIncrement(args, 3, InventoryKeys.AVAILABLE, Long.toString(moved));
            addIncrement(args, 3, InventoryKeys.LOADED, Long.toString(moved));
        }
        return applyOnce(List.of(InventoryKeys.shareMarker(bucket, batchId, skuId),
                InventoryKeys.campaign(bucket, campaignId.toString()), InventoryKeys.sku(bucket, skuId),
                InventoryKeys.recoveryFence(bucket)), args);
    }

    private Uni<Boolean> applyOnce(List<String> keys, List<String> args) {
        return scripts.run(APPLY_STOCK_LOAD, keys, args).map(result -> {
            if (result.toLong() < 0) {
                throw new StockRecoveringException("The stock is being rebuilt; the load will be applied after");
            }
            return result.toLong() == 1L;
        });
    }

    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<StockLevels> skuLevels(UUID skuId) {
        return hashes.hgetall(InventoryKeys.sku(skuId)).map(fields -> {
            Map<UUID, Long> byWarehouse = new HashMap<>();
            fields.forEach((field, value) -> {
                if (field.startsWith("wh:")) {
                    byWarehouse.put(UUID.fromString(field.substring(3)), Long.parseLong(value));
                }
            });
            return new StockLevels(skuId, count(fields, InventoryKeys.AVAILABLE), count(fields, InventoryKeys.HELD),
                    count(fields, InventoryKeys.SOLD), count(fields, InventoryKeys.LOADED), Map.copyOf(byWarehouse));
        });
    }

    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<List<CampaignStockLevels>> campaignLevels(UUID campaignId, List<UUID> skuIds) {
        return hashes.hgetall(InventoryKeys.campaign(campaignId)).map(fields -> skuIds.stream()
                .map(sku -> new CampaignStockLevels(campaignId, sku,
                        count(fields, InventoryKeys.campaignField(sku, InventoryKeys.AVAILABLE)),
                        count(fields, InventoryKeys.campaignField(sku, InventoryKeys.HELD)),
                        count(fields, InventoryKeys.campaignField(sku, InventoryKeys.SOLD)),
                        count(fields, InventoryKeys.campaignField(sku, InventoryKeys.LOADED))))
                .toList());
    }

    /** Every pod forgets that these SKUs were sold out. */
    private Uni<Void> announceRestock(List<StockIncrement> increments) {
        return Multi.createFrom().iterable(increments.stream()
                        .map(i -> SoldOutCache.keyOf(i.skuId(), i.campaignId()))
                        .distinct().toList())
                .onItem().transformToUniAndConcatenate(name -> pubsub.publish(InventoryKeys.RESTOCKED_CHANNEL, name))
                .collect().last().replaceWithVoid();
    }

    private static void addIncrement(List<String> args, int keyIndex, String field, String quantity) {
        args.add(Integer.toString(keyIndex));
        args.add(field);
        args.add(quantity);
    }

    private static long count(Map<String, String> fields, String field) {
        String value = fields.get(field);
        return value == null ? 0L : Long.parseLong(value);
    }
}
