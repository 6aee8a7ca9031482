package io.flashorder.catalog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.flashorder.platform.ReactiveContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps the current {@link CatalogSnapshot}. Loaded at start-up, reloaded on every pod when any catalog write is
 * announced on the Redis channel {@value #CHANGED_CHANNEL}, and every 30 s as a safety net for a missed message.
 * Other features (pricing, checkout) read {@link #current()} and never query catalog tables themselves.
 */
@ApplicationScoped
public class CatalogSnapshotService {

    public static final String CHANGED_CHANNEL = "catalog:changed";

    private final SkuRepository skus;
    private final WarehouseRepository warehouses;
    private final CampaignRepository campaigns;
    private final CampaignItemRepository campaignItems;
    private final ReactiveRedisDataSource redis;
    private final Clock clock;
    private final ReactiveContexts contexts;
    private final AtomicReference<CatalogSnapshot> current = new AtomicReference<>(CatalogSnapshot.EMPTY);
    private final List<Consumer<CatalogSnapshot>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    private long published;

    public CatalogSnapshotService(SkuRepository skus, WarehouseRepository warehouses, CampaignRepository campaigns,
                                  CampaignItemRepository campaignItems, ReactiveRedisDataSource redis, Clock clock,
                                  ReactiveContexts contexts) {
        this.contexts = contexts;
        this.skus = skus;
        this.warehouses = warehouses;
        this.campaigns = campaigns;
        this.campaignItems = campaignItems;
        this.redis = redis;
        this.clock = clock;
    }

    public CatalogSnapshot current() {
        return current.get();
    }

    /** Called with each new snapshot (e.g. pricing rebuilds its own snapshot on top of it). */
    public void onChange(Consumer<CatalogSnapshot> listener) {
        listeners.add(listener);
    }

    void onStart(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(CHANGED_CHANNEL)
                .subscribe().with(message -> reloadOnContext(), failure ->
                        Log.warnf("Catalog change subscription ended: %s", failure.toString()));
        reloadOnContext();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reload().replaceWithVoid();
    }

    /**
     * Call after a catalog change is committed: reloads this pod's snapshot before the caller answers (so the
     * writer reads its own write), then tells the other pods.
     */
    public Uni<Void> changed() {
        return reload().chain(() -> redis.pubsub(String.class).publish(CHANGED_CHANNEL, clock.instant().toString()))
                .onFailure().invoke(e -> Log.warnf("Catalog change not announced (the 30 s reload will catch up): %s",
                        e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @WithSession
    public Uni<CatalogSnapshot> reload() {
        long generation = started.incrementAndGet();
        return skus.listAll().chain(allSkus -> warehouses.listAll().chain(allWarehouses -> campaigns.listAll()
                .chain(allCampaigns -> campaignItems.listAll().map(allItems -> {
                    CatalogSnapshot snapshot = build(allSkus, allWarehouses, allCampaigns, allItems);
                    publish(generation, snapshot);
                    return snapshot;
                }))));
    }

    /** Two reloads may finish out of order; only a newer one replaces the snapshot. */
    private synchronized void publish(long generation, CatalogSnapshot snapshot) {
        if (generation > published) {
            published = generation;
            current.set(snapshot);
            listeners.forEach(listener -> listener.accept(snapshot));
        }
    }

    private void reloadOnContext() {
        contexts.run("Catalog snapshot reload", this::reload);
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
        for (CampaignItem item : allItems) {
            pricesByCampaign.computeIfAbsent(item.id.campaignId(), id -> new HashMap<>())
                    .put(item.id.skuId(), item.campaignPrice);
        }
        Map<UUID, CatalogSnapshot.CampaignInfo> campaignInfos = new HashMap<>();
        for (Campaign campaign : allCampaigns) {
            campaignInfos.put(campaign.id, new CatalogSnapshot.CampaignInfo(campaign.id, campaign.name,
                    campaign.startsAt, campaign.endsAt, campaign.perUserLimit, campaign.paymentTimeoutSeconds,
                    Map.copyOf(pricesByCampaign.getOrDefault(campaign.id, Map.of()))));
        }
        return new CatalogSnapshot(Map.copyOf(skuInfos), Map.copyOf(byMerchant), Map.copyOf(campaignInfos),
                clock.instant());
    }
}
