package io.flashorder.pricing.coupon;

import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRepository;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customers claim coupons from templates and list their own. A claim inserts the coupon and takes one from the
 * template's quantity (conditional UPDATE) in one transaction, so concurrent claims never over-issue; once it
 * commits, the coupon is mirrored into Redis as AVAILABLE. A mirror that fails is retried by
 * {@link CouponMirrorReplayJob}.
 */
@ApplicationScoped
public class CouponService {

    static final Duration MIRROR_GRACE = Duration.ofSeconds(5);
    private static final int MIRROR_BATCH_ROWS = 500;

    private final CouponRepository coupons;
    private final CouponTemplateRepository templates;
    private final CouponStore store;
    private final Clock clock;

    public CouponService(CouponRepository coupons, CouponTemplateRepository templates, CouponStore store,
                         Clock clock) {
        this.coupons = coupons;
        this.templates = templates;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Claims one coupon of the template for the user: 404 for an unknown template; 409 when it is switched off or
     * ended ({@code coupon-template-unavailable}), when the user already holds one ({@code coupon-already-claimed})
     * or when none is left ({@code coupons-exhausted}). Claiming is allowed before the validity starts.
     */
    public Uni<CouponView> claim(UUID templateId, String userId) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> templates.findById(templateId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("coupon-template", templateId))
                        .invoke(template -> requireClaimable(template, now))
                        .chain(template -> {
                            CouponRow coupon = new CouponRow();
                            coupon.id = Ids.newId();
                            coupon.templateId = templateId;
                            coupon.ownerUserId = userId;
                            coupon.claimedAt = now;
                            return coupons.insertIfFirst(coupon.id, templateId, userId, now)
                                    .invoke(inserted -> {
                                        if (inserted == 0) {
                                            throw ApiException.conflict("coupon-already-claimed",
                                                    "You already hold a coupon of template " + templateId,
                                                    Map.of("templateId", templateId.toString()));
                                        }
                                    })
                                    .chain(() -> templates.takeOne(templateId, now))
                                    .map(taken -> {
                                        if (taken == 0) {
                                            throw exhausted(templateId);
                                        }
                                        return CouponView.of(coupon, template, CouponState.AVAILABLE);
                                    });
                        }))
                .call(view -> mirror(view.id(), userId, templateId));
    }

    @WithSession
    public Uni<Page<CouponView>> list(String userId, PageRequest page) {
        return coupons.page(userId, page).chain(rows -> withStates(rows)
                .map(views -> Page.of(rows, page, c -> c.id, c -> views.get(c.id))));
    }

    @WithSession
    public Uni<CouponView> get(String userId, UUID id) {
        return coupons.findById(id)
                .map(row -> row != null && row.ownerUserId.equals(userId) ? row : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("coupon", id))
                .chain(row -> withStates(List.of(row)).map(views -> views.get(id)));
    }

    /**
     * Gives the buyer back the coupons {@code orderId} used (it was refunded in full before shipment): each one the
     * order still holds as USED is AVAILABLE again, once; a coupon already given back, or used since by another
     * order, is not touched. One whose template's validity ended shows EXPIRED as before. Emits how many moved.
     */
    public Uni<Integer> giveBack(UUID orderId, List<String> couponIds) {
        return store.giveBack(orderId.toString(), couponIds);
    }

    /** Mirrors coupons whose Redis hash was not confirmed written; the script never overwrites one. */
    public Uni<Integer> replayUnmirrored() {
        return Panache.withSession(() -> coupons.notMirroredBefore(clock.instant().minus(MIRROR_GRACE),
                        MIRROR_BATCH_ROWS))
                .chain(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(c -> mirror(c.id, c.ownerUserId, c.templateId)
                                .map(done -> done ? 1 : 0))
                        .collect().asList()
                        .map(results -> results.stream().mapToInt(Integer::intValue).sum()));
    }

    /** Emits true once Redis has the coupon and PostgreSQL knows it; false (logged) when Redis failed. */
    private Uni<Boolean> mirror(UUID couponId, String ownerUserId, UUID templateId) {
        return store.mirror(couponId.toString(), ownerUserId, templateId.toString())
                .chain(() -> Panache.withTransaction(() -> coupons.markMirrored(couponId)))
                .map(updated -> true)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Coupon %s claimed but not yet in Redis (will be retried): %s", couponId,
                            failure.toString());
                    return false;
                });
    }

    private Uni<Map<UUID, CouponView>> withStates(List<CouponRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> templateIds = rows.stream().map(c -> c.templateId).distinct().toList();
        return templates.byIds(templateIds).chain(found -> {
            Map<UUID, CouponTemplateRow> byId = found.stream().collect(Collectors.toMap(t -> t.id, Function.identity()));
            return store.states(rows.stream().map(c -> c.id.toString()).toList()).map(states -> {
                Instant now = clock.instant();
                Map<UUID, CouponView> views = new java.util.HashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    CouponRow row = rows.get(i);
                    CouponTemplateRow template = byId.get(row.templateId);
                    views.put(row.id, CouponView.of(row, template,
                            CouponView.effectiveState(states.get(i), template, now)));
                }
                return views;
            });
        });
    }

    private static void requireClaimable(CouponTemplateRow template, Instant now) {
        if (!template.active || !now.isBefore(template.endsAt)) {
            throw ApiException.conflict("coupon-template-unavailable",
                    "Coupons of template " + template.id + " can no longer be claimed",
                    Map.of("templateId", template.id.toString()));
        }
        if (template.issued >= template.totalQuantity) {
            throw exhausted(template.id);
        }
    }

    private static ApiException exhausted(UUID templateId) {
        return ApiException.conflict("coupons-exhausted", "No coupon of template " + templateId + " is left",
                Map.of("templateId", templateId.toString()));
    }
}
