package io.flashorder.catalog.sku;

import io.flashorder.catalog.editing.CatalogChanges;
import io.flashorder.catalog.merchant.MerchantService;
import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Currency;
import java.util.UUID;

@ApplicationScoped
public class SkuService {

    private final SkuRepository skus;
    private final MerchantService merchants;
    private final Clock clock;
    private final CatalogChanges catalog;

    public SkuService(SkuRepository skus, MerchantService merchants, Clock clock,
            CatalogChanges catalog) {
        this.catalog = catalog;
        this.skus = skus;
        this.merchants = merchants;
        this.clock = clock;
    }

    public Uni<SkuView> create(MerchantScope scope, SkuRequest request) {
        return Panache.withTransaction(() -> createInTransaction(scope, request))
                .call(catalog::changed);
    }

    private Uni<SkuView> createInTransaction(MerchantScope scope, SkuRequest request) {
        UUID merchantId = scope.ownerOf(request.merchantId());
        requireKnownCurrency(request.currency());
        return merchants.require(merchantId).chain(merchant -> {
            Sku sku = new Sku();
            sku.id = Ids.newId();
            sku.merchantId = merchant.id;
            sku.createdAt = clock.instant();
            apply(sku, request);
            return skus.persist(sku);
        }).map(SkuView::of);
    }

    public Uni<SkuView> update(MerchantScope scope, UUID id, SkuRequest request) {
        return Panache.withTransaction(() -> updateInTransaction(scope, id, request))
                .call(catalog::changed);
    }

    private Uni<SkuView> updateInTransaction(MerchantScope scope, UUID id, SkuRequest request) {
        requireKnownCurrency(request.currency());
        return require(scope, id).map(sku -> {
            MerchantScope.sameOwner(sku.merchantId, request.merchantId(), false);
            apply(sku, request);
            return sku;
        }).call(skus::flush).map(SkuView::of);
    }

    @WithSession
    public Uni<SkuView> get(MerchantScope scope, UUID id) {
        return require(scope, id).map(SkuView::of);
    }

    @WithSession
    public Uni<Page<SkuView>> list(MerchantScope scope, PageRequest page) {
        return skus.page(scope, page).map(rows -> Page.of(rows, page, s -> s.id, SkuView::of));
    }

    /** The SKU if the scope may see it; otherwise the same 404 as for an unknown id, revealing nothing. */
    public Uni<Sku> require(MerchantScope scope, UUID id) {
        return scope.visible(skus.findById(id), found -> found.merchantId, "sku", id);
    }

    private static void requireKnownCurrency(String code) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("currency", "is not a known ISO 4217 currency");
        }
    }

    private void apply(Sku sku, SkuRequest request) {
        sku.title = request.title().strip();
        sku.listPrice = request.listPrice();
        sku.currency = request.currency();
        sku.weightGrams = request.weightGrams();
        sku.lowStockThreshold = request.lowStockThreshold();
        sku.active = request.status() != SkuStatus.INACTIVE;
        sku.updatedAt = clock.instant();
    }
}
