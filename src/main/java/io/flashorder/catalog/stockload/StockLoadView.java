package io.flashorder.catalog.stockload;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of a stock load: APPLIED once Redis has the units, PENDING when PostgreSQL recorded them but Redis
 * could not be reached (the replayer applies them when it can).
 */
public record StockLoadView(UUID batchId, StockLoad.Status status, List<Line> loads) {

    public record Line(UUID skuId, @Schema(nullable = true) UUID warehouseId,
                       @Schema(nullable = true) UUID campaignId, int quantity) {
    }

    static StockLoadView of(UUID batchId, StockLoad.Status status, List<StockLoad> loads) {
        return new StockLoadView(batchId, status, loads.stream()
                .map(load -> new Line(load.skuId, load.warehouseId, load.campaignId, load.quantity))
                .toList());
    }
}
