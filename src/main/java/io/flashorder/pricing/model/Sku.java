package io.flashorder.pricing.model;

import io.flashorder.platform.money.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * A sellable stock-keeping unit as pricing sees it.
 *
 * @param weightGrams shipping weight of one unit, for the shipping fee
 * @param active      false once the merchant delists it; an inactive SKU cannot be priced
 */
public record Sku(UUID skuId, UUID merchantId, Money listPrice, int weightGrams, boolean active) {

    public Sku {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(listPrice, "listPrice");
        if (listPrice.signum() < 0) {
            throw new IllegalArgumentException("list price must not be negative: " + skuId);
        }
        if (weightGrams < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + skuId);
        }
    }
}
