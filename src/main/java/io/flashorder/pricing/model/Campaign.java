package io.flashorder.pricing.model;

import io.flashorder.platform.money.Money;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A flash-sale campaign: while live, its SKUs sell at the campaign price instead of the list price.
 *
 * @param pricesBySkuId the campaign unit price of each SKU in the campaign
 */
public record Campaign(UUID campaignId, String name, TimeWindow window, Map<UUID, Money> pricesBySkuId) {

    public Campaign {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        pricesBySkuId = Map.copyOf(pricesBySkuId);
        for (Money price : pricesBySkuId.values()) {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("campaign price must not be negative: " + campaignId);
            }
        }
    }

    /** The campaign price of a SKU, or null when the SKU is not in this campaign. */
    public Money priceOf(UUID skuId) {
        return pricesBySkuId.get(skuId);
    }
}
