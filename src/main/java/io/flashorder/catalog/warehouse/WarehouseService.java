package io.flashorder.catalog.warehouse;

import io.flashorder.catalog.editing.CatalogChanges;
import io.flashorder.catalog.merchant.MerchantService;
import io.flashorder.platform.FlashorderConfig;
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
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WarehouseService {

    private final WarehouseRepository warehouses;
    private final MerchantService merchants;
    private final FlashorderConfig config;
    private final Clock clock;
    private final CatalogChanges catalog;

    public WarehouseService(WarehouseRepository warehouses, MerchantService merchants, FlashorderConfig config,
                            Clock clock,
            CatalogChanges catalog) {
        this.catalog = catalog;
        this.warehouses = warehouses;
        this.merchants = merchants;
        this.config = config;
        this.clock = clock;
    }

    public Uni<WarehouseView> create(MerchantScope scope, WarehouseRequest request) {
        return Panache.withTransaction(() -> createInTransaction(scope, request))
                .call(catalog::changed);
    }

    private Uni<WarehouseView> createInTransaction(MerchantScope scope, WarehouseRequest request) {
        UUID merchantId = scope.ownerOf(request.merchantId());
        String region = requireKnownRegion(request.regionCode());
        return merchants.require(merchantId).chain(merchant -> {
            Warehouse warehouse = new Warehouse();
            warehouse.id = Ids.newId();
            warehouse.merchantId = merchant.id;
            warehouse.createdAt = clock.instant();
            apply(warehouse, request, region);
            return warehouses.persist(warehouse);
        }).map(WarehouseView::of);
    }

    public Uni<WarehouseView> update(MerchantScope scope, UUID id, WarehouseRequest request) {
        return Panache.withTransaction(() -> updateInTransaction(scope, id, request))
                .call(catalog::changed);
    }

    private Uni<WarehouseView> updateInTransaction(MerchantScope scope, UUID id, WarehouseRequest request) {
        String region = requireKnownRegion(request.regionCode());
        return require(scope, id).map(warehouse -> {
            MerchantScope.sameOwner(warehouse.merchantId, request.merchantId(), false);
            apply(warehouse, request, region);
            return warehouse;
        }).call(warehouses::flush).map(WarehouseView::of);
    }

    @WithSession
    public Uni<WarehouseView> get(MerchantScope scope, UUID id) {
        return require(scope, id).map(WarehouseView::of);
    }

    @WithSession
    public Uni<Page<WarehouseView>> list(MerchantScope scope, PageRequest page) {
        return warehouses.page(scope, page).map(rows -> Page.of(rows, page, w -> w.id, WarehouseView::of));
    }

    @WithSession
    public Uni<List<WarehouseView>> ofMerchant(UUID merchantId) {
        return warehouses.byMerchant(merchantId).map(rows -> rows.stream().map(WarehouseView::of).toList());
    }

    /** The warehouse if the scope may see it; otherwise the same 404 as for an unknown id, revealing nothing. */
    public Uni<Warehouse> require(MerchantScope scope, UUID id) {
        return scope.visible(warehouses.findById(id), found -> found.merchantId, "warehouse", id);
    }

    private String requireKnownRegion(String regionCode) {
        String region = regionCode.strip().toUpperCase(java.util.Locale.ROOT);
        if (!config.regions().contains(region)) {
            throw ApiException.invalidField("regionCode", "must be one of " + config.regions());
        }
        return region;
    }

    private void apply(Warehouse warehouse, WarehouseRequest request, String region) {
        warehouse.name = request.name().strip();
        warehouse.regionCode = region;
        warehouse.active = request.active() == null || request.active();
        warehouse.updatedAt = clock.instant();
    }
}
