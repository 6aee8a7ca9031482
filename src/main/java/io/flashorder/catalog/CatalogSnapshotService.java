package io.flashorder.catalog;

import io.flashorder.catalog.campaign.Campaign;
import io.flashorder.catalog.campaign.CampaignItem;
import io.flashorder.catalog.campaign.CampaignItemRepository;
import io.flashorder.catalog.campaign.CampaignRepository;
import io.flashorder.catalog.editing.CatalogChanges;
import io.flashorder.catalog.sku.Sku;
import io.flashorder.catalog.sku.SkuRepository;
import io.flashorder.catalog.warehouse.Warehouse;
import io.flashorder.catalog.warehouse.WarehouseRepository;
import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.SharedSnapshot;
import io.flashorder.platform.redis.RedisChannels;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps the current {@link CatalogSnapshot}. Loaded at start-up (retried until PostgreSQL answers), reloaded on every
 * pod when any catalog write is announced on the Redis channel {@value #CHANGED_CHANNEL} or that subscription comes
 * back after a Redis restart, and every {@code flashorder.snapshots.reload-every} as a safety net for a missed
 * message.
 * Other features (pricing, checkout) read {@link #current()} and never query catalog tables themselves.
 */
@Singleton
public class CatalogSnapshotService implements CatalogChanges {

    public static final String CHANGED_CHANNEL = "catalog:changed";

    private final SkuRepository skus;
    private final WarehouseRepository warehouses;
    private final CampaignRepository campaigns;
    private final CampaignItemRepository campaignItems;
    private final Clock clock;
    private final SharedSnapshot<CatalogSnapshot> snapshot;

    public CatalogSnapshotService(SkuRepository skus, WarehouseRepository warehouses, CampaignRepository campaigns,
                                  CampaignItemRepository campaignItems, ReactiveRedisDataSource redis, Clock clock,
                                  ReactiveContexts contexts, RedisChannels channels, Vertx vertx) {
        this.skus = skus;
        this.warehouses = warehouses;
        this.campaigns = campaigns;
        this.campaignItems = campaignItems;
        this.clock = clock;
        this.snapshot = new SharedSnapshot<>("Catalog snapshot", CHANGED_CHANNEL, CatalogSnapshot.EMPTY, redis,
                channels, contexts, vertx, clock);
    }

    /** Whether a snapshot was loaded since start-up (readiness waits for it). */
    public boolean loaded() {
        return snapshot.loaded();
    }

    public CatalogSnapshot current() {
        return snapshot.current();
    }

    /** Called with each new snapshot (e.g. pricing rebuilds its own snapshot on top of it). */
    public void onChange(Consumer<CatalogSnapshot> listener) {
        snapshot.onChange(listener);
    }

    void onStart(@Observes StartupEvent event) {
        snapshot.start(this::reload);
    }

    @Scheduled(every = "${flashorder.snapshots.reload-every:30s}", delayed = "${flashorder.snapshots.reload-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reload().replaceWithVoid();
    }

    /**
     * Call after a catalog change is committed: reloads this pod's snapshot before the caller answers (so the
     * writer reads its own write), then tells the other pods.
     */
    @Override
    public Uni<Void> changed() {
        return snapshot.changed(this::reload);
    }

    @WithSession
    public Uni<CatalogSnapshot> reload() {
        return snapshot.reload(() -> skus.listAll().chain(allSkus -> warehouses.listAll().chain(allWarehouses ->
                campaigns.listAll().chain(allCampaigns -> campaignItems.listAll().map(allItems ->
                        build(allSkus, allWarehouses, allCampaigns, allItems))))));
    }

    private CatalogSnapshot build(List<Sku> allSkus, List<Warehouse> allWarehouses, List<Campaign> allCampaigns,
                                  List<CampaignItem> allItems) {
        Map<UUID, CatalogSnapshot.SkuInfo> skuInfos = new HashMap<>();
        for (Sku sku : allSkus) {
            skuInfos.put(sku.id, new CatalogSnapshot.SkuInfo(sku.id, sku.merchantId, sku.title, sku.listPrice,
                    sku.currency, sku.weightGrams, sku.lowStockThreshold, sku.active));
        }
        Map<UUID, List<CatalogSnapshot.WarehouseInfo>> byMerchant = allWarehouses.stream()
                .sorted(java.util.Comparator.comparing(w -> w.id.toString()))
                .map(w -> new CatalogSnapshot.WarehouseInfo(w.id, w.merchantId, w.regionCode, w.active))
                .collect(Collectors.groupingBy(CatalogSnapshot.WarehouseInfo::merchantId,
                        Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        Map<UUID, Map<UUID, Long>> pricesByCampaign = new HashMap<>();
        Map<UUID, Map<UUID, Integer>> bucketsByCampaign = new HashMap<>();
        for (CampaignItem item : allItems) {
            pricesByCampaign.computeIfAbsent(item.id.campaignId(), id -> new HashMap<>())
                    .put(item.id.skuId(), item.campaignPrice);
            if (item.stockBuckets > 1) {
                bucketsByCampaign.computeIfAbsent(item.id.campaignId(), id -> new HashMap<>())
                        .put(item.id.skuId(), item.stockBuckets);
            }
        }
        Map<UUID, CatalogSnapshot.CampaignInfo> campaignInfos = new HashMap<>();
        for (Campaign campaign : allCampaigns) {
            campaignInfos.put(campaign.id, new CatalogSnapshot.CampaignInfo(campaign.id, campaign.name,
                    campaign.startsAt, campaign.endsAt, campaign.perUserLimit, campaign.paymentTimeoutSeconds,
                    Map.copyOf(pricesByCampaign.getOrDefault(campaign.id, Map.of())),
                    Map.copyOf(bucketsByCampaign.getOrDefault(campaign.id, Map.of()))));
        }
        return new CatalogSnapshot(Map.copyOf(skuInfos), Map.copyOf(byMerchant), Map.copyOf(campaignInfos),
                clock.instant());
    }
}
