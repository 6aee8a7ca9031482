package io.flashorder.pricing.rules.shipping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

public record ShippingTemplateView(UUID id, UUID merchantId, String regionCode, int firstWeightGrams,
                                   long firstWeightPrice, int stepGrams, long stepPrice,
                                   @Schema(nullable = true) Long freeShippingThreshold, String currency,
                                   Instant createdAt, Instant updatedAt, long version) {

    static ShippingTemplateView of(ShippingTemplateRow row) {
        return new ShippingTemplateView(row.id, row.merchantId, row.regionCode, row.firstWeightGrams,
                row.firstWeightPrice, row.stepGrams, row.stepPrice, row.freeShippingThreshold, row.currency,
                row.createdAt, row.updatedAt, row.version);
    }
}
