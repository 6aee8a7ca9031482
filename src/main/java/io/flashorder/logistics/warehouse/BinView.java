package io.flashorder.logistics.warehouse;

import java.time.Instant;
import java.util.UUID;

public record BinView(UUID warehouseId, UUID skuId, String bin, Instant updatedAt) {
}
