package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.StockTrust;
import io.flashorder.platform.redis.RedisChannels;
import io.flashorder.pricing.rules.PricingRulesCache;
import io.flashorder.settings.MerchantSettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: can this pod take orders? Only once every snapshot the place-order path reads is loaded (the catalog,
 * the pricing rules, the merchant settings; a fresh pod would otherwise refuse existing SKUs as unknown) and the stock
 * in Redis is trusted (verified against PostgreSQL, or rebuilt from it). In-memory flags only: probes come often.
 * The pub/sub subscriber is reported, not required (a pod without it still sells correctly, from Redis).
 */
@Readiness
@ApplicationScoped
public class OrderTakingReadiness implements HealthCheck {

    private final CatalogSnapshotService catalog;
    private final PricingRulesCache pricingRules;
    private final MerchantSettingsService merchantSettings;
    private final StockTrust stock;
    private final RedisChannels channels;

    public OrderTakingReadiness(CatalogSnapshotService catalog, PricingRulesCache pricingRules,
                                MerchantSettingsService merchantSettings, StockTrust stock, RedisChannels channels) {
        this.catalog = catalog;
        this.pricingRules = pricingRules;
        this.merchantSettings = merchantSettings;
        this.stock = stock;
        this.channels = channels;
    }

    @Override
    public HealthCheckResponse call() {
        boolean snapshots = catalog.loaded() && pricingRules.loaded() && merchantSettings.loaded();
        return HealthCheckResponse.named("order-taking")
                .status(snapshots && stock.acceptsPlacements())
                .withData("catalog", catalog.loaded())
                .withData("pricingRules", pricingRules.loaded())
                .withData("merchantSettings", merchantSettings.loaded())
                .withData("stock", stock.state().name())
                .withData("stockDetail", stock.reason())
                .withData("subscriptions", channels.connected())
                .build();
    }
}
