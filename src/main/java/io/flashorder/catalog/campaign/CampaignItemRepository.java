package io.flashorder.catalog.campaign;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CampaignItemRepository implements PanacheRepositoryBase<CampaignItem, CampaignItem.Key> {

    public Uni<List<CampaignItem>> byCampaign(UUID campaignId) {
        return list("id.campaignId", Sort.by("id.skuId"), campaignId);
    }

    public Uni<List<CampaignItem>> byCampaigns(Collection<UUID> campaignIds) {
        return list("id.campaignId in ?1", Sort.by("id.campaignId").and("id.skuId"), campaignIds);
    }
}
