package io.flashorder.inventory;

import java.util.UUID;

/** What Redis says of one SKU's campaign stock now. */
public record CampaignStockLevels(UUID campaignId, UUID skuId, long available, long held, long sold, long loaded) {
}
