package io.flashorder.catalog;

import java.util.Optional;
import java.util.UUID;

/** Whose catalog a caller may see and change: an admin sees every merchant's, a merchant only its own. */
public record CatalogScope(Optional<UUID> merchantId) {

    public static CatalogScope admin() {
        return new CatalogScope(Optional.empty());
    }

    public static CatalogScope merchant(UUID merchantId) {
        return new CatalogScope(Optional.of(merchantId));
    }

    public boolean allows(UUID ownerMerchantId) {
        return merchantId.map(own -> own.equals(ownerMerchantId)).orElse(true);
    }
}
