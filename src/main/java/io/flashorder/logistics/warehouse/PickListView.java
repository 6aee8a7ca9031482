package io.flashorder.logistics.warehouse;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What to take from the shelves for a wave: units per SKU, walked in bin order (SKUs without a bin last). */
public record PickListView(UUID waveId, UUID warehouseId, long totalUnits, List<Item> items) {

    public record Item(@Schema(nullable = true) String bin, UUID skuId, @Schema(nullable = true) String title,
                       long quantity) {
    }
}
