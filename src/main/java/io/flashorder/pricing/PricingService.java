package io.flashorder.pricing;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.platform.money.Money;
import io.flashorder.pricing.coupon.CouponStore;
import io.flashorder.pricing.engine.PricingEngine;
import io.flashorder.pricing.model.Campaign;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.model.TimeWindow;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.rules.PricingRules;
import io.flashorder.pricing.rules.PricingRulesCache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prices carts for the preview and the checkout, the same way for both. Keeps an in-memory {@link PricingSnapshot}
 * built from the catalog snapshot ({@link CatalogSnapshotService}, the only way pricing sees the catalog) and the
 * pricing rules ({@link PricingRulesCache}); it is rebuilt whenever either changes, so a rule or catalog write is
 * cart in by this pod before the write is answered, and by other pods on the change message or the periodic
 * reload. {@link #quote} does no I/O except reading the coupons the cart names from Redis.
 */
@Singleton
public class PricingService {

    /** More coupons than this cannot be valid (one platform + one per merchant); refused without reading Redis. */
    static final int MAX_COUPONS = 51;

    private final CatalogSnapshotService catalog;
    private final PricingRulesCache rules;
    private final CouponStore coupons;
    private final PricingEngine engine = new PricingEngine();
    private final AtomicReference<Built> snapshot =
            new AtomicReference<>(new Built(PricingSnapshot.builder().build(), CatalogSnapshot.EMPTY));

    /** A pricing snapshot and the catalog snapshot it was built from, swapped together. */
    private record Built(PricingSnapshot pricing, CatalogSnapshot catalog) {
    }

    /**
     * A quote and the catalog snapshot it was priced against: every SKU and merchant the quote names is in that
     * catalog snapshot, so a caller that goes on with the quote (the checkout) reads the same catalog.
     */
    public record PricedCart(PriceQuote quote, CatalogSnapshot catalog) {
    }

    public PricingService(CatalogSnapshotService catalog, PricingRulesCache rules, CouponStore coupons) {
        this.catalog = catalog;
        this.rules = rules;
        this.coupons = coupons;
    }

    void onStart(@Observes StartupEvent event) {
        catalog.onChange(changed -> rebuild());
        rules.onChange(changed -> rebuild());
        rebuild();
    }

    /**
     * Prices the cart at {@code at}: reads the coupons it names from Redis (concurrently, only when it names any),
     * then runs the engine on the in-memory snapshot. A tier the platform has not configured gives no discount.
     * Fails with an {@link io.flashorder.platform.error.ApiException} (422, or 409 for a locked or used coupon)
     * whose code is the engine's {@link PricingError} code and whose {@code subject} names the offending item;
     * with a 503 when Redis is slow or down.
     */
    public Uni<PriceQuote> quote(CartRequest cart, Instant at) {
        return price(cart, at).map(PricedCart::quote);
    }

    /** As {@link #quote}, with the catalog snapshot the quote was priced against. */
    public Uni<PricedCart> price(CartRequest cart, Instant at) {
        Built current = snapshot.get();
        if (cart.couponIds().isEmpty()) {
            return Uni.createFrom().item(() -> price(current, Map.of(), cart, at));
        }
        if (cart.couponIds().size() > MAX_COUPONS) {
            return Uni.createFrom().failure(PricingProblems.of(new PricingException(PricingError.TOO_MANY_COUPONS,
                    null, "at most one platform coupon and one coupon per merchant")));
        }
        List<UUID> ids = cart.couponIds().stream().filter(id -> id != null).distinct().toList();
        return coupons.read(ids).map(owned -> price(current, owned, cart, at));
    }

    /** The snapshot quotes are cart on now (for tests and diagnostics). */
    public PricingSnapshot snapshot() {
        return snapshot.get().pricing();
    }

    private PricedCart price(Built on, Map<UUID, Coupon> buyerCoupons, CartRequest cart, Instant at) {
        try {
            return new PricedCart(engine.price(on.pricing(), buyerCoupons, cart, at), on.catalog());
        } catch (PricingException e) {
            throw PricingProblems.of(e);
        }
    }

    /** Rebuilds from the latest catalog and rules; serialised, so the last rebuild always sees the latest of both. */
    private synchronized void rebuild() {
        CatalogSnapshot catalogNow = catalog.current();
        PricingRules rulesNow = rules.current();
        try {
            snapshot.set(new Built(build(catalogNow, rulesNow), catalogNow));
        } catch (RuntimeException e) {
            Log.errorf(e, "Pricing snapshot not rebuilt; still pricing on the previous one");
        }
    }

    static PricingSnapshot build(CatalogSnapshot catalogNow, PricingRules rulesNow) {
        PricingSnapshot.Builder builder = PricingSnapshot.builder();
        for (CatalogSnapshot.SkuInfo sku : catalogNow.skus().values()) {
            include(() -> builder.sku(new Sku(sku.id(), sku.merchantId(),
                    Money.of(sku.listPrice(), sku.currency()), sku.weightGrams(), sku.active())), "SKU", sku.id());
        }
        for (CatalogSnapshot.CampaignInfo campaign : catalogNow.campaigns().values()) {
            include(() -> builder.campaign(campaign(campaign, catalogNow)), "campaign", campaign.id());
        }
        rulesNow.memberTiers().forEach(tier -> include(() -> builder.memberTier(tier), "member tier", tier.tier()));
        builder.tierDiscountAppliesToCampaignPrice(rulesNow.tierAppliesToCampaignPrice());
        rulesNow.percentOffPromotions().forEach(builder::promotion);
        rulesNow.spendThresholdPromotions().forEach(builder::promotion);
        rulesNow.shippingTemplates().forEach(t -> include(() -> builder.shippingTemplate(t), "shipping template",
                t.templateId()));
        rulesNow.couponTemplates().forEach(t -> include(() -> builder.couponTemplate(t), "coupon template",
                t.templateId()));
        return builder.build();
    }

    /** A campaign's prices are in the currency of each SKU; items whose SKU the catalog lacks are left out. */
    private static Campaign campaign(CatalogSnapshot.CampaignInfo info, CatalogSnapshot catalogNow) {
        Map<UUID, Money> prices = new HashMap<>();
        for (Map.Entry<UUID, Long> item : info.pricesBySku().entrySet()) {
            CatalogSnapshot.SkuInfo sku = catalogNow.skus().get(item.getKey());
            if (sku != null) {
                prices.put(item.getKey(), Money.of(item.getValue(), sku.currency()));
            }
        }
        return new Campaign(info.id(), info.name(), new TimeWindow(info.startsAt(), info.endsAt()), prices);
    }

    private static void include(Runnable add, String what, Object id) {
        try {
            add.run();
        } catch (RuntimeException e) {
            Log.errorf("Pricing left out %s %s: %s", what, id, e.getMessage());
        }
    }
}
