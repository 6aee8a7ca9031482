package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.pricing.model.CouponKind;
import io.flashorder.pricing.rules.editing.CatalogChecks;
import io.flashorder.pricing.rules.editing.RuleChanges;
import io.flashorder.pricing.rules.editing.RuleChecks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * Coupon templates: platform-wide (admin only) or one merchant's. Switched off with {@code active: false}, which
 * stops claims; coupons already claimed stay usable until the template's validity ends. Every change reloads
 * pricing before answering.
 */
@ApplicationScoped
public class CouponTemplateService {

    private final CouponTemplateRepository templates;
    private final CatalogChecks catalog;
    private final RuleChanges rules;
    private final Clock clock;

    public CouponTemplateService(CouponTemplateRepository templates, CatalogChecks catalog, RuleChanges rules,
                                 Clock clock) {
        this.templates = templates;
        this.catalog = catalog;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<CouponTemplateView> create(MerchantScope scope, CouponTemplateRequest request) {
        return Panache.withTransaction(() -> {
            UUID merchantId = scope.ownerOrPlatform(request.merchantId());
            check(request);
            Uni<Void> merchantKnown = merchantId == null ? Uni.createFrom().voidItem() : catalog.requireMerchant(merchantId);
            return merchantKnown.chain(() -> {
                CouponTemplateRow row = new CouponTemplateRow();
                row.id = Ids.newId();
                row.merchantId = merchantId;
                row.issued = 0;
                row.createdAt = clock.instant();
                apply(row, request);
                return templates.persist(row);
            }).map(CouponTemplateView::of);
        }).call(rules::changed);
    }

    public Uni<CouponTemplateView> update(MerchantScope scope, UUID id, CouponTemplateRequest request) {
        return Panache.withTransaction(() -> require(scope, id).map(row -> {
            // From a merchant, a missing merchantId means its own; from an admin it must match exactly.
            UUID requested = scope.merchantId().isPresent() && request.merchantId() == null
                    ? row.merchantId : request.merchantId();
            MerchantScope.sameOwner(row.merchantId, requested, true);
            check(request);
            if (request.totalQuantity() < row.issued) {
                throw ApiException.invalidField("totalQuantity",
                        "must not be below the " + row.issued + " coupons already claimed");
            }
            apply(row, request);
            return row;
        }).call(templates::flush).map(CouponTemplateView::of)).call(rules::changed);
    }

    @WithSession
    public Uni<CouponTemplateView> get(MerchantScope scope, UUID id) {
        return require(scope, id).map(CouponTemplateView::of);
    }

    @WithSession
    public Uni<Page<CouponTemplateView>> list(MerchantScope scope, PageRequest page) {
        return templates.page(scope, page).map(rows -> Page.of(rows, page, t -> t.id, CouponTemplateView::of));
    }

    /** The template if the scope may see it; otherwise the same 404 as for an unknown id. */
    private Uni<CouponTemplateRow> require(MerchantScope scope, UUID id) {
        return scope.visible(templates.findById(id), found -> found.merchantId, "coupon-template", id);
    }

    private static void check(CouponTemplateRequest request) {
        RuleChecks checks = new RuleChecks().window(request.startsAt(), request.endsAt())
                .currency("currency", request.currency());
        if (request.kind() == CouponKind.FIXED) {
            checks.require(request.amount() != null, "amount", "is required for a FIXED coupon")
                    .require(request.percentBp() == null, "percentBp", "only a PERCENT coupon has a percentage")
                    .require(request.percentCap() == null, "percentCap", "only a PERCENT coupon has a cap");
        } else {
            checks.require(request.percentBp() != null, "percentBp", "is required for a PERCENT coupon")
                    .require(request.amount() == null, "amount", "only a FIXED coupon has an amount");
        }
        checks.orFail("The coupon template is not valid");
    }

    private void apply(CouponTemplateRow row, CouponTemplateRequest request) {
        row.name = request.name().strip();
        row.kind = request.kind();
        row.amount = request.amount();
        row.percentBp = request.percentBp();
        row.percentCap = request.percentCap();
        row.minSpend = request.minSpend();
        row.currency = request.currency();
        row.startsAt = request.startsAt();
        row.endsAt = request.endsAt();
        row.totalQuantity = request.totalQuantity();
        row.active = request.active() == null || request.active();
        row.updatedAt = clock.instant();
    }
}
