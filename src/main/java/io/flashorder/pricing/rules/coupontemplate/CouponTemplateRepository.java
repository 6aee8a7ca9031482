package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CouponTemplateRepository implements PanacheRepositoryBase<CouponTemplateRow, UUID> {

    /** Admin: every template, platform and merchant ones; merchant scope: that merchant's only. */
    public Uni<List<CouponTemplateRow>> page(MerchantScope scope, PageRequest page) {
        return scope.merchantId()
                .map(merchant -> find("merchantId = ?1 and id > ?2", Sort.by("id"), merchant, page.afterOrStart()))
                .orElseGet(() -> find("id > ?1", Sort.by("id"), page.afterOrStart()))
                .range(0, page.fetchSize() - 1).list();
    }

    /** Templates whose coupons pricing may still meet: not ended before {@code since}. */
    public Uni<List<CouponTemplateRow>> endingAfter(Instant since) {
        return list("endsAt > ?1", Sort.by("id"), since);
    }

    public Uni<List<CouponTemplateRow>> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /**
     * Takes one coupon from the template if it is claimable and not exhausted: one conditional statement, so
     * concurrent claims serialise on the row and never issue more than {@code totalQuantity}. Emits 1 or 0.
     */
    public Uni<Integer> takeOne(UUID id, Instant now) {
        return update("issued = issued + 1 where id = ?1 and issued < totalQuantity and active = true and endsAt > ?2",
                id, now);
    }
}
