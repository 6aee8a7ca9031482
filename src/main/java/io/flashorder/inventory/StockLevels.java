package io.flashorder.inventory;

import java.util.Map;
import java.util.UUID;

/** What Redis says of a SKU now: totals, and units available per warehouse. */
public record StockLevels(UUID skuId, long available, long held, long sold, long loaded,
                          Map<UUID, Long> availableByWarehouse) {
}
