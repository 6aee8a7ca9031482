package io.flashorder.pricing.rules.editing;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.catalog.merchant.MerchantService;
import io.flashorder.platform.FlashorderConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** What pricing rules need to know of the catalog and the platform, asked through their services only. */
@ApplicationScoped
public class CatalogChecks {

    private final MerchantService merchants;
    private final CatalogSnapshotService catalog;
    private final FlashorderConfig config;

    public CatalogChecks(MerchantService merchants, CatalogSnapshotService catalog, FlashorderConfig config) {
        this.merchants = merchants;
        this.catalog = catalog;
        this.config = config;
    }

    /** The merchant exists, else the catalog's 404 {@code merchant-not-found}. */
    public Uni<Void> requireMerchant(UUID merchantId) {
        return merchants.get(merchantId).replaceWithVoid();
    }

    /** Adds a violation for each SKU that is unknown or not the merchant's. */
    public void skusOf(UUID merchantId, List<UUID> skuIds, RuleChecks checks) {
        CatalogSnapshot snapshot = catalog.current();
        for (int i = 0; i < skuIds.size(); i++) {
            CatalogSnapshot.SkuInfo sku = snapshot.skus().get(skuIds.get(i));
            if (sku == null || !sku.merchantId().equals(merchantId)) {
                checks.add("skuIds[" + i + "]", "is not a SKU of merchant " + merchantId);
            }
        }
    }

    public boolean isRegion(String code) {
        return config.regions().contains(code);
    }
}
