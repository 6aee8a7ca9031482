package io.flashorder.catalog.campaign;

import io.flashorder.inventory.CampaignStockLevels;

import java.util.List;
import java.util.UUID;

/** A campaign's stock per SKU as Redis counts it now. */
public record CampaignStockView(UUID campaignId, List<CampaignStockLevels> items) {
}
