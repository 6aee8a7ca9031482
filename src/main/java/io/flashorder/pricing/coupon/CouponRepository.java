package io.flashorder.pricing.coupon;

import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CouponRepository implements PanacheRepositoryBase<CouponRow, UUID> {

    public Uni<List<CouponRow>> page(String ownerUserId, PageRequest page) {
        return find("ownerUserId = ?1 and id > ?2", Sort.by("id"), ownerUserId, page.afterOrStart())
                .range(0, page.fetchSize() - 1).list();
    }

    /**
     * Inserts the coupon unless the user already holds one of this template; emits 1 when inserted, 0 otherwise.
     * One statement, so two concurrent claims of the same user cannot both insert.
     */
    public Uni<Integer> insertIfFirst(UUID id, UUID templateId, String ownerUserId, Instant claimedAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO coupon (id, template_id, owner_user_id, claimed_at, mirrored)
                        VALUES (?1, ?2, ?3, ?4, false)
                        ON CONFLICT (template_id, owner_user_id) DO NOTHING
                        """)
                .setParameter(1, id).setParameter(2, templateId).setParameter(3, ownerUserId)
                .setParameter(4, claimedAt)
                .executeUpdate());
    }

    public Uni<Integer> markMirrored(UUID id) {
        return update("mirrored = true where id = ?1", id);
    }

    public Uni<List<CouponRow>> notMirroredBefore(Instant cutoff, int limit) {
        return find("mirrored = false and claimedAt < ?1", Sort.by("claimedAt").and("id"), cutoff)
                .range(0, limit - 1).list();
    }
}
