package io.flashorder.pricing.rules.shipping;

import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.UniqueViolations;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.rules.editing.CatalogChecks;
import io.flashorder.pricing.rules.editing.RuleChanges;
import io.flashorder.pricing.rules.editing.RuleChecks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/** Merchants' shipping templates, one per merchant and region. Every change reloads pricing before answering. */
@ApplicationScoped
public class ShippingTemplateService {

    private final ShippingTemplateRepository templates;
    private final CatalogChecks catalog;
    private final RuleChanges rules;
    private final Clock clock;

    public ShippingTemplateService(ShippingTemplateRepository templates, CatalogChecks catalog,
                                   RuleChanges rules, Clock clock) {
        this.templates = templates;
        this.catalog = catalog;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<ShippingTemplateView> create(MerchantScope scope, ShippingTemplateRequest request) {
        return Panache.withTransaction(() -> {
            UUID merchantId = scope.ownerOf(request.merchantId());
            check(request);
            return catalog.requireMerchant(merchantId)
                    .chain(() -> requireRegionFree(merchantId, request.regionCode(), null))
                    .chain(() -> {
                        ShippingTemplateRow row = new ShippingTemplateRow();
                        row.id = Ids.newId();
                        row.merchantId = merchantId;
                        row.createdAt = clock.instant();
                        apply(row, request);
                        return templates.persist(row);
                    }).map(ShippingTemplateView::of);
        }).onFailure(UniqueViolations::is).transform(failure -> regionTaken(request.regionCode()))
                .call(rules::changed);
    }

    public Uni<ShippingTemplateView> update(MerchantScope scope, UUID id, ShippingTemplateRequest request) {
        return Panache.withTransaction(() -> require(scope, id).chain(row -> {
            MerchantScope.sameOwner(row.merchantId, request.merchantId(), false);
            check(request);
            return requireRegionFree(row.merchantId, request.regionCode(), id).map(free -> {
                apply(row, request);
                return row;
            });
        }).call(templates::flush).map(ShippingTemplateView::of))
                .onFailure(UniqueViolations::is).transform(failure -> regionTaken(request.regionCode()))
                .call(rules::changed);
    }

    public Uni<Void> delete(MerchantScope scope, UUID id) {
        return Panache.withTransaction(() -> require(scope, id).call(templates::delete)).replaceWithVoid()
                .call(rules::changed);
    }

    @WithSession
    public Uni<ShippingTemplateView> get(MerchantScope scope, UUID id) {
        return require(scope, id).map(ShippingTemplateView::of);
    }

    @WithSession
    public Uni<Page<ShippingTemplateView>> list(MerchantScope scope, PageRequest page) {
        return templates.page(scope, page).map(rows -> Page.of(rows, page, t -> t.id, ShippingTemplateView::of));
    }

    /** The template if the scope may see it; otherwise the same 404 as for an unknown id. */
    private Uni<ShippingTemplateRow> require(MerchantScope scope, UUID id) {
        return scope.visible(templates.findById(id), found -> found.merchantId, "shipping-template", id);
    }

    private void check(ShippingTemplateRequest request) {
        new RuleChecks()
                .require(ShippingTemplate.ANY_REGION.equals(request.regionCode())
                        || catalog.isRegion(request.regionCode()), "regionCode", "is not a known region code or *")
                .currency("currency", request.currency())
                .orFail("The shipping template is not valid");
    }

    private Uni<Void> requireRegionFree(UUID merchantId, String regionCode, UUID exceptId) {
        return templates.regionTaken(merchantId, regionCode, exceptId).invoke(taken -> {
            if (taken) {
                throw regionTaken(regionCode);
            }
        }).replaceWithVoid();
    }

    private static ApiException regionTaken(String regionCode) {
        return ApiException.conflict("shipping-template-exists",
                "The merchant already has a shipping template for region " + regionCode);
    }

    private void apply(ShippingTemplateRow row, ShippingTemplateRequest request) {
        row.regionCode = request.regionCode();
        row.firstWeightGrams = request.firstWeightGrams();
        row.firstWeightPrice = request.firstWeightPrice();
        row.stepGrams = request.stepGrams();
        row.stepPrice = request.stepPrice();
        row.freeShippingThreshold = request.freeShippingThreshold();
        row.currency = request.currency();
        row.updatedAt = clock.instant();
    }
}
