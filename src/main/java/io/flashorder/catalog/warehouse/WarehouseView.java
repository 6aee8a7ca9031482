package io.flashorder.catalog.warehouse;

import java.time.Instant;
import java.util.UUID;

public record WarehouseView(UUID id, UUID merchantId, String name, String regionCode, boolean active,
                            Instant createdAt, Instant updatedAt, long version) {

    static WarehouseView of(Warehouse warehouse) {
        return new WarehouseView(warehouse.id, warehouse.merchantId, warehouse.name, warehouse.regionCode,
                warehouse.active, warehouse.createdAt, warehouse.updatedAt, warehouse.version);
    }
}
