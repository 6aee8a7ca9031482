package io.flashorder.pricing.rules.promotion;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PromotionRepository implements PanacheRepositoryBase<PromotionRow, UUID> {

    public Uni<List<PromotionRow>> page(MerchantScope scope, PageRequest page) {
        return scope.merchantId()
                .map(merchant -> find("merchantId = ?1 and id > ?2", Sort.by("id"), merchant, page.afterOrStart()))
                .orElseGet(() -> find("id > ?1", Sort.by("id"), page.afterOrStart()))
                .range(0, page.fetchSize() - 1).list();
    }

    /** Active promotions that have not ended: what pricing may apply now or later. */
    public Uni<List<PromotionRow>> activeNotEnded(Instant now) {
        return list("active = true and endsAt > ?1", Sort.by("id"), now);
    }
}
