package io.flashorder.catalog.campaign;

import io.flashorder.catalog.editing.CatalogChanges;
import io.flashorder.catalog.sku.Sku;
import io.flashorder.catalog.sku.SkuRepository;
import io.flashorder.inventory.InventoryService;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class CampaignService {

    private final CampaignRepository campaigns;
    private final CampaignItemRepository items;
    private final SkuRepository skus;
    private final InventoryService inventory;
    private final Clock clock;
    private final CatalogChanges catalog;

    public CampaignService(CampaignRepository campaigns, CampaignItemRepository items, SkuRepository skus,
                           InventoryService inventory, Clock clock,
            CatalogChanges catalog) {
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.items = items;
        this.skus = skus;
        this.inventory = inventory;
        this.clock = clock;
    }

    public Uni<CampaignView> create(CampaignRequest request) {
        return Panache.withTransaction(() -> createInTransaction(request))
                .call(catalog::changed);
    }

    private Uni<CampaignView> createInTransaction(CampaignRequest request) {
        checkShape(request);
        return checkSkus(request).chain(() -> {
            Campaign campaign = new Campaign();
            campaign.id = Ids.newId();
            campaign.createdAt = clock.instant();
            apply(campaign, request);
            List<CampaignItem> rows = request.items().stream().map(item -> {
                CampaignItem row = new CampaignItem();
                row.id = new CampaignItem.Key(campaign.id, item.skuId());
                row.campaignPrice = item.campaignPrice();
                row.campaignStock = item.campaignStock();
                row.stockBuckets = item.bucketsOrDefault();
                return row;
            }).toList();
            return campaigns.persist(campaign).chain(() -> items.persist(rows))
                    .map(done -> CampaignView.of(campaign, sorted(rows)));
        });
    }

    /**
     * Replaces name, window, limits and items. Stock already loaded into Redis stays: an item's campaign stock
     * cannot drop below what was loaded, and a loaded item cannot be removed.
     */
    public Uni<CampaignView> update(UUID id, CampaignRequest request) {
        return Panache.withTransaction(() -> updateInTransaction(id, request))
                .call(catalog::changed);
    }

    private Uni<CampaignView> updateInTransaction(UUID id, CampaignRequest request) {
        checkShape(request);
        return require(id).chain(campaign -> checkSkus(request).chain(() -> items.byCampaign(id)).chain(existing -> {
            Map<UUID, CampaignItem> bySku = existing.stream().collect(Collectors.toMap(i -> i.id.skuId(), i -> i));
            Set<UUID> kept = new HashSet<>();
            List<CampaignItem> added = new ArrayList<>();
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                CampaignRequest.Item item = request.items().get(i);
                CampaignItem row = bySku.get(item.skuId());
                if (row == null) {
                    row = new CampaignItem();
                    row.id = new CampaignItem.Key(id, item.skuId());
                    added.add(row);
                } else if (item.campaignStock() < row.loadedStock) {
                    violations.add(new FieldViolation("items[" + i + "].campaignStock",
                            "must not be below the " + row.loadedStock + " units already loaded"));
                } else if (row.loadedStock > 0 && item.bucketsOrDefault() != row.stockBuckets) {
                    // The loaded units sit in the old buckets: a new count would strand some of them.
                    violations.add(new FieldViolation("items[" + i + "].stockBuckets",
                            "must stay " + row.stockBuckets + ": stock is already loaded into that many buckets"));
                }
                row.campaignPrice = item.campaignPrice();
                row.campaignStock = item.campaignStock();
                row.stockBuckets = item.bucketsOrDefault();
                kept.add(item.skuId());
            }
            List<CampaignItem> removed = existing.stream().filter(row -> !kept.contains(row.id.skuId())).toList();
            removed.stream().filter(row -> row.loadedStock > 0).forEach(row -> violations.add(
                    new FieldViolation("items", "SKU " + row.id.skuId() + " has loaded stock and cannot be removed")));
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(ApiException.invalid("The campaign's stock is already loaded", violations));
            }
            apply(campaign, request);
            List<CampaignItem> all = new ArrayList<>(existing);
            all.removeAll(removed);
            all.addAll(added);
            List<UUID> removedSkus = removed.stream().map(row -> row.id.skuId()).toList();
            return (removedSkus.isEmpty() ? Uni.createFrom().item(0L)
                    : items.delete("id.campaignId = ?1 and id.skuId in ?2", id, removedSkus))
                    .chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : items.persist(added))
                    .call(items::flush)
                    .map(done -> CampaignView.of(campaign, sorted(all)));
        }));
    }

    @WithSession
    public Uni<CampaignView> get(UUID id) {
        return require(id).chain(campaign -> items.byCampaign(id).map(rows -> CampaignView.of(campaign, rows)));
    }

    @WithSession
    public Uni<Page<CampaignView>> list(PageRequest page) {
        return campaigns.page(page).chain(rows -> {
            List<UUID> ids = rows.stream().map(c -> c.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new Page<CampaignView>(List.of(), null));
            }
            return items.byCampaigns(ids).map(all -> {
                Map<UUID, List<CampaignItem>> byCampaign = all.stream()
                        .collect(Collectors.groupingBy(i -> i.id.campaignId()));
                return Page.of(rows, page, c -> c.id, c -> CampaignView.of(c, byCampaign.getOrDefault(c.id, List.of())));
            });
        });
    }

    @WithSession
    public Uni<CampaignStockView> stockOf(UUID id) {
        return require(id).chain(campaign -> items.byCampaign(id))
                .chain(rows -> inventory.campaignLevels(id, rows.stream().map(r -> r.id.skuId()).toList()))
                .map(levels -> new CampaignStockView(id, levels));
    }

    public Uni<Campaign> require(UUID id) {
        return campaigns.findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("campaign", id));
    }

    private static void checkShape(CampaignRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!request.endsAt().isAfter(request.startsAt())) {
            violations.add(new FieldViolation("endsAt", "must be after startsAt"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (!seen.add(request.items().get(i).skuId())) {
                violations.add(new FieldViolation("items[" + i + "].skuId", "appears more than once"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The campaign is not consistent", violations);
        }
    }

    /** Every SKU must exist and be active, and its campaign price must not exceed its list price. */
    private Uni<Void> checkSkus(CampaignRequest request) {
        List<UUID> ids = request.items().stream().map(CampaignRequest.Item::skuId).toList();
        return skus.list("id in ?1", ids).map(found -> {
            Map<UUID, Sku> byId = new HashMap<>();
            found.forEach(sku -> byId.put(sku.id, sku));
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                CampaignRequest.Item item = request.items().get(i);
                Sku sku = byId.get(item.skuId());
                if (sku == null) {
                    violations.add(new FieldViolation("items[" + i + "].skuId", "no such SKU"));
                } else if (!sku.active) {
                    violations.add(new FieldViolation("items[" + i + "].skuId", "SKU is not active"));
                } else if (item.campaignPrice() > sku.listPrice) {
                    violations.add(new FieldViolation("items[" + i + "].campaignPrice",
                            "must not exceed the list price " + sku.listPrice));
                }
            }
            if (!violations.isEmpty()) {
                throw ApiException.invalid("Some campaign items are not valid", violations);
            }
            return null;
        });
    }

    private void apply(Campaign campaign, CampaignRequest request) {
        campaign.name = request.name().strip();
        campaign.startsAt = request.startsAt();
        campaign.endsAt = request.endsAt();
        campaign.perUserLimit = request.perUserLimit();
        campaign.paymentTimeoutSeconds = request.paymentTimeoutSeconds();
        campaign.updatedAt = clock.instant();
    }

    private static List<CampaignItem> sorted(List<CampaignItem> rows) {
        return rows.stream().sorted(java.util.Comparator.comparing(r -> r.id.skuId().toString())).toList();
    }
}
