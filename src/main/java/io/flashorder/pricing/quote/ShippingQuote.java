package io.flashorder.pricing.quote;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * The shipping fee of one merchant order.
 *
 * @param standardFee           the fee by weight before any free-shipping threshold
 * @param freeShippingThreshold goods payable from which shipping is free; null when never free
 * @param freeShipping          whether the threshold was reached, making {@code fee} zero
 */
public record ShippingQuote(UUID templateId, String regionCode, long weightGrams, long standardFee,
                            @Schema(nullable = true) Long freeShippingThreshold, boolean freeShipping, long fee) {
}
