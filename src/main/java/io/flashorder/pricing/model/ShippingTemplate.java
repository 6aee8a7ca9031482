package io.flashorder.pricing.model;

import io.flashorder.platform.money.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * How one merchant charges shipping to one destination region.
 *
 * <p>Fee for a parcel of {@code w} grams: {@code firstWeightPrice} when {@code w ≤ firstWeightGrams}, else
 * {@code firstWeightPrice + ceil((w - firstWeightGrams) / stepGrams) × stepPrice}. Free when the merchant's
 * goods payable (after every discount) reaches {@code freeShippingThreshold}.
 *
 * @param regionCode            destination region, or {@link #ANY_REGION} for the merchant's default template
 * @param freeShippingThreshold null when the merchant never ships for free
 */
public record ShippingTemplate(UUID templateId, UUID merchantId, String regionCode,
                               int firstWeightGrams, Money firstWeightPrice,
                               int stepGrams, Money stepPrice,
                               Money freeShippingThreshold) {

    /** Region code of a merchant's default template, used when it has none for the destination region. */
    public static final String ANY_REGION = "*";

    public ShippingTemplate {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(firstWeightPrice, "firstWeightPrice");
        Objects.requireNonNull(stepPrice, "stepPrice");
        if (firstWeightGrams < 0 || stepGrams <= 0) {
            throw new IllegalArgumentException("first weight must be ≥ 0 g and step > 0 g: " + templateId);
        }
        if (firstWeightPrice.signum() < 0 || stepPrice.signum() < 0
                || (freeShippingThreshold != null && freeShippingThreshold.signum() < 0)) {
            throw new IllegalArgumentException("shipping prices must not be negative: " + templateId);
        }
        if (!firstWeightPrice.currency().equals(stepPrice.currency())
                || (freeShippingThreshold != null
                    && !firstWeightPrice.currency().equals(freeShippingThreshold.currency()))) {
            throw new IllegalArgumentException("shipping prices must share a currency: " + templateId);
        }
    }

    public String currency() {
        return firstWeightPrice.currency();
    }
}
