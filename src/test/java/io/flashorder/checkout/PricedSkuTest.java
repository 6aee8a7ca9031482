package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.platform.error.ApiException;
import io.flashorder.pricing.quote.LineQuote;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A priced line whose SKU the catalog snapshot lacks (a SKU added between two snapshot reads) is a 409 the buyer can
 * act on, not the 500 an unguarded lookup gave.
 */
class PricedSkuTest {

    private static final UUID MERCHANT = UUID.randomUUID();

    @Test
    void aPricedSkuMissingFromTheCatalogIsAConflictNamingIt() {
        UUID vanished = UUID.randomUUID();

        assertThatThrownBy(() -> CheckoutService.pricedSku(CatalogSnapshot.EMPTY, line(vanished)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().code()).isEqualTo("sku-unavailable");
                    assertThat(e.problem().extensionMembers()).containsEntry("skuId", vanished);
                });
    }

    @Test
    void aPricedSkuInTheCatalogIsFound() {
        UUID sku = UUID.randomUUID();
        CatalogSnapshot.SkuInfo info = new CatalogSnapshot.SkuInfo(sku, MERCHANT, "Kettle", 12_900, "EUR", 800, 5,
                true);
        CatalogSnapshot catalog = new CatalogSnapshot(Map.of(sku, info), Map.of(), Map.of(), Instant.EPOCH);

        assertThat(CheckoutService.pricedSku(catalog, line(sku))).isEqualTo(info);
    }

    private static LineQuote line(UUID sku) {
        return new LineQuote(sku, MERCHANT, 12_900, 12_900, null, 1, 12_900, List.of(), 0,
                12_900);
    }
}
