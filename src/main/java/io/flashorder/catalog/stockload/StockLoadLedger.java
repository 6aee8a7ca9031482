package io.flashorder.catalog.stockload;

import java.util.List;
import java.util.UUID;

/**
 * Every unit ever loaded, as PostgreSQL records it: the applied loads summed per SKU and warehouse (or per campaign
 * and SKU; a campaign load split over stock buckets on its own, since each is split alone), the loads still pending
 * one by one (Redis may or may not have them: its batch marker tells), and the warehouse units applied batches moved
 * out of {@code {p}} into stock buckets' slots.
 */
public record StockLoadLedger(List<Entry> applied, List<Entry> pending, List<Move> moves) {

    /** Units of a SKU's warehouse moved to the slot of stock bucket {@code stockSlot}, summed. */
    public record Move(UUID skuId, UUID warehouseId, int stockSlot, long units) {
    }

    /** Units of a SKU loaded into a warehouse ({@code campaignId} null) or into a campaign ({@code warehouseId} null). */
    public record Entry(UUID batchId, UUID skuId, UUID warehouseId, UUID campaignId, long quantity, int stockBuckets) {

        public boolean campaign() {
            return campaignId != null;
        }
    }
}
