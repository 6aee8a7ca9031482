package io.flashorder.pricing.rules.promotion;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PromotionSkuRepository implements PanacheRepositoryBase<PromotionSkuRow, PromotionSkuRow.Key> {

    public Uni<List<PromotionSkuRow>> byPromotions(Collection<UUID> promotionIds) {
        if (promotionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id.promotionId in ?1", Sort.by("id.promotionId").and("id.skuId"), promotionIds);
    }

    public Uni<Long> deleteOf(UUID promotionId) {
        return delete("id.promotionId", promotionId);
    }
}
