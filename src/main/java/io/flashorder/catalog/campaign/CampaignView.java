package io.flashorder.catalog.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record CampaignView(UUID id, String name, Instant startsAt, Instant endsAt, int perUserLimit,
                           int paymentTimeoutSeconds, List<Item> items, Instant createdAt, Instant updatedAt,
                           long version) {

    public record Item(UUID skuId, long campaignPrice, int campaignStock, int loadedStock, int stockBuckets) {
    }

    static CampaignView of(Campaign campaign, List<CampaignItem> items) {
        return new CampaignView(campaign.id, campaign.name, campaign.startsAt, campaign.endsAt, campaign.perUserLimit,
                campaign.paymentTimeoutSeconds, items.stream()
                .map(item -> new Item(item.id.skuId(), item.campaignPrice, item.campaignStock, item.loadedStock,
                        item.stockBuckets))
                .toList(), campaign.createdAt, campaign.updatedAt, campaign.version);
    }
}
