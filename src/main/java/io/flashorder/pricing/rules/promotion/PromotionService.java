package io.flashorder.pricing.rules.promotion;

import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.pricing.rules.editing.CatalogChecks;
import io.flashorder.pricing.rules.editing.RuleChanges;
import io.flashorder.pricing.rules.editing.RuleChecks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Merchant promotions (spend-threshold and percent-off). A promotion is switched off with {@code active: false}
 * rather than deleted. Every change reloads pricing before answering.
 */
@ApplicationScoped
public class PromotionService {

    private final PromotionRepository promotions;
    private final PromotionTierRepository tiers;
    private final PromotionSkuRepository skus;
    private final CatalogChecks catalog;
    private final RuleChanges rules;
    private final Clock clock;

    public PromotionService(PromotionRepository promotions, PromotionTierRepository tiers,
                            PromotionSkuRepository skus, CatalogChecks catalog, RuleChanges rules, Clock clock) {
        this.promotions = promotions;
        this.tiers = tiers;
        this.skus = skus;
        this.catalog = catalog;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<PromotionView> create(MerchantScope scope, PromotionRequest request) {
        return Panache.withTransaction(() -> {
            UUID merchantId = scope.ownerOf(request.merchantId());
            return catalog.requireMerchant(merchantId).chain(() -> {
                check(merchantId, request);
                PromotionRow row = new PromotionRow();
                row.id = Ids.newId();
                row.merchantId = merchantId;
                row.kind = request.kind();
                row.createdAt = clock.instant();
                apply(row, request);
                Children children = Children.of(row.id, request);
                return promotions.persist(row).chain(() -> children.persist(tiers, skus))
                        .map(done -> children.view(row));
            });
        }).call(rules::changed);
    }

    public Uni<PromotionView> update(MerchantScope scope, UUID id, PromotionRequest request) {
        return Panache.withTransaction(() -> require(scope, id).chain(row -> {
            MerchantScope.sameOwner(row.merchantId, request.merchantId(), false);
            if (request.kind() != row.kind) {
                throw ApiException.invalidField("kind", "cannot be changed");
            }
            check(row.merchantId, request);
            apply(row, request);
            Children children = Children.of(id, request);
            return tiers.deleteOf(id).chain(() -> skus.deleteOf(id)).chain(() -> children.persist(tiers, skus))
                    .call(promotions::flush).map(done -> children.view(row));
        })).call(rules::changed);
    }

    @WithSession
    public Uni<PromotionView> get(MerchantScope scope, UUID id) {
        return require(scope, id).chain(row -> tiers.byPromotions(List.of(id))
                .chain(tierRows -> skus.byPromotions(List.of(id))
                        .map(skuRows -> PromotionView.of(row, tierRows, skuRows))));
    }

    @WithSession
    public Uni<Page<PromotionView>> list(MerchantScope scope, PageRequest page) {
        return promotions.page(scope, page).chain(rows -> {
            List<UUID> ids = rows.stream().map(p -> p.id).toList();
            return tiers.byPromotions(ids).chain(tierRows -> skus.byPromotions(ids).map(skuRows -> {
                Map<UUID, List<PromotionTierRow>> tiersOf = tierRows.stream()
                        .collect(Collectors.groupingBy(t -> t.id.promotionId()));
                Map<UUID, List<PromotionSkuRow>> skusOf = skuRows.stream()
                        .collect(Collectors.groupingBy(s -> s.id.promotionId()));
                return Page.of(rows, page, p -> p.id, p -> PromotionView.of(p,
                        tiersOf.getOrDefault(p.id, List.of()), skusOf.getOrDefault(p.id, List.of())));
            }));
        });
    }

    /** The promotion if the scope may see it; otherwise the same 404 as for an unknown id. */
    private Uni<PromotionRow> require(MerchantScope scope, UUID id) {
        return scope.visible(promotions.findById(id), found -> found.merchantId, "promotion", id);
    }

    private void check(UUID merchantId, PromotionRequest request) {
        RuleChecks checks = new RuleChecks().window(request.startsAt(), request.endsAt());
        if (request.kind() == PromotionKind.SPEND_THRESHOLD) {
            checks.require(!request.tiersOrEmpty().isEmpty(), "tiers", "a spend-threshold promotion needs 1 to 10 tiers")
                    .require(request.currency() != null, "currency", "is required for a spend-threshold promotion")
                    .currency("currency", request.currency())
                    .require(request.skuIdsOrEmpty().isEmpty(), "skuIds", "only a percent-off promotion has SKUs")
                    .require(request.discountBp() == null, "discountBp", "only a percent-off promotion has a percentage");
        } else {
            checks.require(request.discountBp() != null, "discountBp", "is required for a percent-off promotion")
                    .require(!request.skuIdsOrEmpty().isEmpty(), "skuIds", "a percent-off promotion needs 1 to 500 SKUs")
                    .require(request.tiersOrEmpty().isEmpty(), "tiers", "only a spend-threshold promotion has tiers")
                    .require(request.currency() == null, "currency", "only a spend-threshold promotion has a currency");
            Set<UUID> seen = new HashSet<>();
            List<UUID> ids = request.skuIdsOrEmpty();
            for (int i = 0; i < ids.size(); i++) {
                checks.require(seen.add(ids.get(i)), "skuIds[" + i + "]", "appears more than once");
            }
            catalog.skusOf(merchantId, ids, checks);
        }
        checks.orFail("The promotion is not valid");
    }

    /** The tier and SKU rows of a promotion as requested. */
    private record Children(List<PromotionTierRow> tierRows, List<PromotionSkuRow> skuRows) {

        static Children of(UUID promotionId, PromotionRequest request) {
            List<PromotionTierRow> tierRows = new ArrayList<>();
            List<PromotionRequest.Tier> requested = request.tiersOrEmpty();
            for (int i = 0; i < requested.size(); i++) {
                PromotionTierRow tier = new PromotionTierRow();
                tier.id = new PromotionTierRow.Key(promotionId, (short) i);
                tier.threshold = requested.get(i).threshold();
                tier.reduction = requested.get(i).reduction();
                tierRows.add(tier);
            }
            List<PromotionSkuRow> skuRows = request.skuIdsOrEmpty().stream().map(skuId -> {
                PromotionSkuRow sku = new PromotionSkuRow();
                sku.id = new PromotionSkuRow.Key(promotionId, skuId);
                return sku;
            }).toList();
            return new Children(tierRows, skuRows);
        }

        Uni<Void> persist(PromotionTierRepository tiers, PromotionSkuRepository skus) {
            Uni<Void> tiersSaved = tierRows.isEmpty() ? Uni.createFrom().voidItem() : tiers.persist(tierRows);
            return tiersSaved.chain(() -> skuRows.isEmpty() ? Uni.createFrom().voidItem() : skus.persist(skuRows));
        }

        PromotionView view(PromotionRow row) {
            return PromotionView.of(row, tierRows, skuRows);
        }
    }

    private void apply(PromotionRow row, PromotionRequest request) {
        row.name = request.name().strip();
        row.startsAt = request.startsAt();
        row.endsAt = request.endsAt();
        row.discountBp = request.discountBp();
        row.currency = request.currency();
        row.active = request.active() == null || request.active();
        row.updatedAt = clock.instant();
    }
}
