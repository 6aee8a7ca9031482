package io.flashorder.pricing;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.support.Catalog;
import io.flashorder.support.Pricing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout goes on with the catalog snapshot its cart was priced against ({@link PricingService.PricedCart}),
 * not with whatever the catalog holds a moment later: every SKU and merchant a quote names is in that snapshot, so
 * the reservation lines, warehouses and order titles come from the same catalog as the price, even while the
 * catalog keeps changing.
 */
@QuarkusTest
class PricedCartCatalogTest {

    private static final int NEW_SKUS = 24;

    @Inject
    PricingService pricing;

    @Test
    void everySkuAndMerchantOfAQuoteIsInTheCatalogItWasPricedAgainst() throws Exception {
        UUID merchant = Catalog.merchant("Snapshot pairing " + UUID.randomUUID());
        Pricing.defaultShippingTemplate(merchant);
        UUID first = Catalog.sku(merchant, "First", 10_00);

        PricingService.PricedCart before = price(first);
        assertPairedWithItsCatalog(before);

        // SKUs added one after the other while carts with the newest one are priced at once: each write reloads the
        // catalog (and pricing on top of it) before it answers, so the newest SKU is priced, and every quote must
        // come with the catalog that knows it.
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<PricingService.PricedCart>> priced = new ArrayList<>();
            for (int i = 0; i < NEW_SKUS; i++) {
                int n = i;
                priced.add(CompletableFuture.supplyAsync(() -> Catalog.sku(merchant, "New " + n, 10_00 + n), writers)
                        .thenApply(this::price));
            }
            for (CompletableFuture<PricingService.PricedCart> cart : priced) {
                assertPairedWithItsCatalog(cart.get());
            }
        } finally {
            writers.shutdownNow();
        }

        PricingService.PricedCart after = price(first);
        assertPairedWithItsCatalog(after);
        assertThat(after.catalog()).as("a newer catalog than the first price's").isNotSameAs(before.catalog());
        assertThat(after.catalog().skus()).hasSizeGreaterThanOrEqualTo(before.catalog().skus().size() + NEW_SKUS);
    }

    private PricingService.PricedCart price(UUID sku) {
        CartRequest cart = new CartRequest("snapshot-buyer", null, null, "NORTH", List.of(new CartLine(sku, 1)),
                List.of());
        return pricing.price(cart, Instant.now()).await().indefinitely();
    }

    private static void assertPairedWithItsCatalog(PricingService.PricedCart priced) {
        CatalogSnapshot catalog = priced.catalog();
        for (MerchantOrderQuote merchantOrder : priced.quote().merchantOrders()) {
            for (LineQuote line : merchantOrder.lines()) {
                assertThat(catalog.sku(line.skuId())).as("SKU %s in the catalog it was priced against", line.skuId())
                        .hasValueSatisfying(sku -> {
                            assertThat(sku.merchantId()).isEqualTo(merchantOrder.merchantId());
                            assertThat(sku.listPrice()).isEqualTo(line.listUnitPrice());
                        });
            }
        }
    }
}
