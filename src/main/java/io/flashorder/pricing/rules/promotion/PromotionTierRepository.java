package io.flashorder.pricing.rules.promotion;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PromotionTierRepository implements PanacheRepositoryBase<PromotionTierRow, PromotionTierRow.Key> {

    public Uni<List<PromotionTierRow>> byPromotions(Collection<UUID> promotionIds) {
        if (promotionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id.promotionId in ?1", Sort.by("id.promotionId").and("id.tierNo"), promotionIds);
    }

    public Uni<Long> deleteOf(UUID promotionId) {
        return delete("id.promotionId", promotionId);
    }
}
