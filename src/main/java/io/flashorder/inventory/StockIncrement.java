package io.flashorder.inventory;

import java.util.UUID;

/** Units added to a SKU's warehouse stock, or to a campaign's stock of a SKU (then warehouseId is null). */
public record StockIncrement(UUID skuId, UUID warehouseId, UUID campaignId, int quantity) {

    public static StockIncrement warehouse(UUID skuId, UUID warehouseId, int quantity) {
        return new StockIncrement(skuId, warehouseId, null, quantity);
    }

    public static StockIncrement campaign(UUID campaignId, UUID skuId, int quantity) {
        return new StockIncrement(skuId, null, campaignId, quantity);
    }
}
