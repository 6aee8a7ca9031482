package io.flashorder.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable in-memory copy of the catalog for the hot path (pricing and placing orders read it without I/O).
 * Taken by {@link CatalogSnapshotService}, replaced whole when the catalog changes.
 */
public record CatalogSnapshot(Map<UUID, SkuInfo> skus, Map<UUID, List<WarehouseInfo>> warehousesByMerchant,
                              Map<UUID, CampaignInfo> campaigns, Instant takenAt) {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), Map.of(), Map.of(), Instant.EPOCH);

    public record SkuInfo(UUID id, UUID merchantId, String title, long listPrice, String currency, int weightGrams,
                          int lowStockThreshold, boolean active) {
    }

    public record WarehouseInfo(UUID id, UUID merchantId, String regionCode, boolean active) {
    }

    /** @param stockBucketsBySku each item's stock buckets when more than one (see {@code inventory.bucket}) */
    public record CampaignInfo(UUID id, String name, Instant startsAt, Instant endsAt, int perUserLimit,
                               int paymentTimeoutSeconds, Map<UUID, Long> pricesBySku,
                               Map<UUID, Integer> stockBucketsBySku) {

        /** The stock buckets of the campaign's item {@code skuId}: 1 unless it is split. */
        public int stockBuckets(UUID skuId) {
            return stockBucketsBySku.getOrDefault(skuId, 1);
        }

        public boolean isLive(Instant now) {
            return !now.isBefore(startsAt) && now.isBefore(endsAt);
        }
    }

    public Optional<SkuInfo> sku(UUID id) {
        return Optional.ofNullable(skus.get(id));
    }

    public Optional<CampaignInfo> campaign(UUID id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    /** The campaign's per-user limit, 0 without a campaign (or for one no longer in the snapshot). */
    public int perUserLimit(UUID campaignId) {
        return campaignId == null ? 0 : campaign(campaignId).map(CampaignInfo::perUserLimit).orElse(0);
    }

    public List<WarehouseInfo> warehousesOf(UUID merchantId) {
        return warehousesByMerchant.getOrDefault(merchantId, List.of());
    }
}
