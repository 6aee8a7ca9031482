package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Working state of one line while the engine prices it: what it still owes and what was taken off. */
final class PricedLine {

    final Sku sku;
    final int quantity;
    final long unitPrice;
    final UUID campaignId;
    final long subtotal;
    private long remaining;
    private final List<Discount> discounts = new ArrayList<>(4);

    PricedLine(Sku sku, int quantity, long unitPrice, UUID campaignId, long subtotal) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.campaignId = campaignId;
        this.subtotal = subtotal;
        this.remaining = subtotal;
    }

    UUID skuId() {
        return sku.skuId();
    }

    UUID merchantId() {
        return sku.merchantId();
    }

    boolean campaignPriced() {
        return campaignId != null;
    }

    long remaining() {
        return remaining;
    }

    List<Discount> discounts() {
        return discounts;
    }

    void take(Discount discount) {
        if (discount.amount() > remaining) {
            throw new IllegalStateException("discount larger than what " + skuId() + " still owes");
        }
        remaining -= discount.amount();
        discounts.add(discount);
    }

    LineQuote toQuote() {
        long listUnitPrice = sku.listPrice().amountMinor();
        return new LineQuote(skuId(), merchantId(), listUnitPrice, unitPrice, campaignId, quantity, subtotal,
                List.copyOf(discounts), subtotal - remaining, remaining);
    }
}
