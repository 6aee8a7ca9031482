package io.flashorder.catalog.sku;

import java.time.Instant;
import java.util.UUID;

public record SkuView(UUID id, UUID merchantId, String title, long listPrice, String currency, int weightGrams,
                      int lowStockThreshold, SkuStatus status, Instant createdAt, Instant updatedAt, long version) {

    static SkuView of(Sku sku) {
        return new SkuView(sku.id, sku.merchantId, sku.title, sku.listPrice, sku.currency, sku.weightGrams,
                sku.lowStockThreshold, SkuStatus.of(sku.active), sku.createdAt, sku.updatedAt, sku.version);
    }
}
