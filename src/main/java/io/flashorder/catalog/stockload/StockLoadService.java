package io.flashorder.catalog.stockload;

import io.flashorder.catalog.campaign.CampaignItem;
import io.flashorder.catalog.campaign.CampaignItemRepository;
import io.flashorder.catalog.sku.SkuService;
import io.flashorder.catalog.sku.SkuStockRepository;
import io.flashorder.catalog.sku.SkuStockView;
import io.flashorder.catalog.warehouse.WarehouseService;
import io.flashorder.inventory.InventoryService;
import io.flashorder.inventory.StockIncrement;
import io.flashorder.inventory.bucket.BucketStockService;
import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads stock into Redis and records it in PostgreSQL. The record is written first (PENDING, same transaction as
 * the loaded totals), then the batch is applied to Redis once and marked APPLIED. If Redis fails in between, the
 * batch stays PENDING and {@link #replayPending()} applies it later; the Redis script ignores a batch it has seen.
 */
@ApplicationScoped
public class StockLoadService {

    private static final int REPLAY_BATCH_ROWS = 500;

    private final SkuService skus;
    private final WarehouseService warehouses;
    private final StockLoadRepository loads;
    private final SkuStockRepository skuStocks;
    private final CampaignItemRepository campaignItems;
    private final InventoryService inventory;
    private final BucketStockService buckets;
    private final FlashorderConfig config;
    private final Clock clock;

    public StockLoadService(SkuService skus, WarehouseService warehouses, StockLoadRepository loads,
                            SkuStockRepository skuStocks, CampaignItemRepository campaignItems,
                            InventoryService inventory, BucketStockService buckets, FlashorderConfig config,
                            Clock clock) {
        this.buckets = buckets;
        this.skus = skus;
        this.warehouses = warehouses;
        this.loads = loads;
        this.skuStocks = skuStocks;
        this.campaignItems = campaignItems;
        this.inventory = inventory;
        this.config = config;
        this.clock = clock;
    }

    public Uni<StockLoadView> loadSku(MerchantScope scope, UUID skuId, StockLoadRequest request, String actor) {
        return Panache.withTransaction(() -> skus.require(scope, skuId)
                        .chain(sku -> warehouses.require(scope, request.warehouseId()).map(warehouse -> {
                            if (!warehouse.merchantId.equals(sku.merchantId)) {
                                throw ApiException.invalidField("warehouseId", "is not a warehouse of the SKU's merchant");
                            }
                            return sku;
                        }))
                        .chain(sku -> {
                            UUID batchId = Ids.newId();
                            StockLoad load = newLoad(batchId, StockLoad.Kind.SKU, skuId, actor);
                            load.warehouseId = request.warehouseId();
                            load.quantity = request.quantity();
                            return skuStocks.addLoaded(skuId, load.warehouseId, load.quantity, load.requestedAt)
                                    .chain(() -> loads.persist(load))
                                    .map(List::of);
                        }))
                .chain(this::apply);
    }

    /** Loads what each campaign item has configured beyond what was loaded before; empty when nothing is new. */
    public Uni<StockLoadView> loadCampaign(UUID campaignId, String actor) {
        return Panache.withTransaction(() -> campaignItems.byCampaign(campaignId).chain(items -> {
                    UUID batchId = Ids.newId();
                    List<StockLoad> batch = new ArrayList<>();
                    for (CampaignItem item : items) {
                        int delta = item.campaignStock - item.loadedStock;
                        if (delta > 0) {
                            StockLoad load = newLoad(batchId, StockLoad.Kind.CAMPAIGN, item.id.skuId(), actor);
                            load.campaignId = campaignId;
                            load.quantity = delta;
                            load.stockBuckets = item.stockBuckets;
                            batch.add(load);
                            item.loadedStock = item.campaignStock;
                        }
                    }
                    return batch.isEmpty() ? Uni.createFrom().item(batch) : loads.persist(batch).replaceWith(batch);
                }))
                .chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(new StockLoadView(null, StockLoad.Status.APPLIED, List.of()))
                        : apply(batch));
    }

    /** Applies the loads left PENDING (a crash or a Redis outage between PostgreSQL and Redis). Idempotent. */
    public Uni<Integer> replayPending() {
        return Panache.withSession(() -> loads.pendingBefore(clock.instant().minus(config.stock().replayAfter()),
                        REPLAY_BATCH_ROWS))
                .chain(pending -> {
                    Map<UUID, List<StockLoad>> batches = new LinkedHashMap<>();
                    pending.forEach(load -> batches.computeIfAbsent(load.batchId, id -> new ArrayList<>()).add(load));
                    return Multi.createFrom().iterable(batches.values())
                            .onItem().transformToUniAndConcatenate(batch -> apply(batch)
                                    .onFailure().invoke(e -> Log.warnf("Stock load batch %s still pending: %s",
                                            batch.get(0).batchId, e.toString()))
                                    .onFailure().recoverWithNull())
                            .collect().asList()
                            .map(results -> (int) results.stream().filter(r -> r != null && r.status() == StockLoad.Status.APPLIED).count());
                });
    }

    /** Every unit PostgreSQL recorded as loaded, for rebuilding and reconciling Redis' stock (see StockLoadLedger). */
    public Uni<StockLoadLedger> ledger() {
        return ReactiveContexts.onSafeContext(() -> Panache.withSession(() -> loads.appliedTotals()
                .chain(applied -> loads.pending().map(pending -> new StockLoadLedger(applied, pending)))));
    }

    @io.quarkus.hibernate.reactive.panache.common.WithSession
    public Uni<SkuStockView> stockOf(MerchantScope scope, UUID skuId) {
        return skus.require(scope, skuId)
                .chain(sku -> skuStocks.bySku(skuId))
                .chain(rows -> inventory.skuLevels(skuId).map(levels -> new SkuStockView(skuId, levels.available(),
                        levels.held(), levels.sold(), levels.loaded(), rows.stream()
                        .map(row -> new SkuStockView.WarehouseStock(row.id.warehouseId(), row.loaded,
                                levels.availableByWarehouse().getOrDefault(row.id.warehouseId(), 0L)))
                        .toList())));
    }

    /**
     * Applies a batch to Redis: its loads into {@code {p}} in one script call, then each bucketed campaign load
     * (stockBuckets > 1) split over its buckets; marked APPLIED only when all of it is in, so a replay finishes the
     * rest (every step is applied once per batch).
     */
    private Uni<StockLoadView> apply(List<StockLoad> batch) {
        UUID batchId = batch.get(0).batchId;
        List<StockIncrement> increments = batch.stream().filter(load -> !bucketed(load))
                .map(load -> load.kind == StockLoad.Kind.SKU
                        ? StockIncrement.warehouse(load.skuId, load.warehouseId, load.quantity)
                        : StockIncrement.campaign(load.campaignId, load.skuId, load.quantity))
                .toList();
        List<StockLoad> bucketedLoads = batch.stream().filter(StockLoadService::bucketed).toList();
        return (increments.isEmpty() ? Uni.createFrom().item(false) : inventory.applyLoad(batchId, increments))
                .chain(() -> Multi.createFrom().iterable(bucketedLoads)
                        .onItem().transformToUniAndConcatenate(load -> buckets.load(load.campaignId, load.skuId,
                                batchId, load.quantity, load.stockBuckets))
                        .collect().asList())
                .chain(() -> Panache.withTransaction(() -> loads.markApplied(batchId, clock.instant())))
                .map(updated -> StockLoadView.of(batchId, StockLoad.Status.APPLIED, batch))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Stock load batch %s recorded but not yet in Redis: %s", batchId, failure.toString());
                    return StockLoadView.of(batchId, StockLoad.Status.PENDING, batch);
                });
    }

    private static boolean bucketed(StockLoad load) {
        return load.kind == StockLoad.Kind.CAMPAIGN && load.stockBuckets > 1;
    }

    private StockLoad newLoad(UUID batchId, StockLoad.Kind kind, UUID skuId, String actor) {
        StockLoad load = new StockLoad();
        load.id = Ids.newId();
        load.batchId = batchId;
        load.kind = kind;
        load.skuId = skuId;
        load.status = StockLoad.Status.PENDING;
        load.requestedBy = actor;
        load.requestedAt = clock.instant();
        return load;
    }
}
