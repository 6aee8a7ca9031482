package io.flashorder.catalog.merchant;

import java.time.Instant;
import java.util.UUID;

public record MerchantView(UUID id, String name, boolean active, Instant createdAt, Instant updatedAt, long version) {

    static MerchantView of(Merchant merchant) {
        return new MerchantView(merchant.id, merchant.name, merchant.active, merchant.createdAt, merchant.updatedAt,
                merchant.version);
    }
}
