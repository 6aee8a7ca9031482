package io.flashorder.catalog.stockload;

import java.util.List;
import java.util.UUID;

/**
 * Every unit ever loaded, as PostgreSQL records it: the applied loads summed per SKU and warehouse (or per campaign
 * and SKU), and the loads still pending one by one (Redis may or may not have them: its batch marker tells).
 */
public record StockLoadLedger(List<Entry> applied, List<Entry> pending) {

    /** Units of a SKU loaded into a warehouse ({@code campaignId} null) or into a campaign ({@code warehouseId} null). */
    public record Entry(UUID batchId, UUID skuId, UUID warehouseId, UUID campaignId, long quantity) {

        public boolean campaign() {
            return campaignId != null;
        }
    }
}
