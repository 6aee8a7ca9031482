package io.flashorder.inventory;

import java.util.List;
import java.util.UUID;

/**
 * What one order reserved in Redis: the units per SKU, the warehouses they came from, its campaign and coupons.
 * The input of the commit, release and revive scripts, built from the order as PostgreSQL (or its hold) has it.
 *
 * @param slot where the order was placed: its hold and every counter its settlement moves live there
 */
public record OrderStock(OrderSlot slot, UUID orderId, String userId, UUID campaignId, List<Units> skus, List<Share> allocations,
                         List<String> couponIds) {

    /** Units of one SKU in the order (over all its lines and warehouses). */
    public record Units(UUID skuId, int quantity) {
    }

    /** Units of one SKU taken from one warehouse. */
    public record Share(UUID skuId, UUID warehouseId, int quantity) {
    }
}
