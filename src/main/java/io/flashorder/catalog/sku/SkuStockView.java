package io.flashorder.catalog.sku;

import java.util.List;
import java.util.UUID;

/** A SKU's stock: Redis counters (available, held, sold, loaded) and, per warehouse, loaded (PostgreSQL) and available (Redis). */
public record SkuStockView(UUID skuId, long available, long held, long sold, long loaded, List<WarehouseStock> warehouses) {

    public record WarehouseStock(UUID warehouseId, long loaded, long available) {
    }
}
