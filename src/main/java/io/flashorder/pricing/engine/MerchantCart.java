package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.MerchantRules;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.RuleKind;
import io.flashorder.pricing.quote.ShippingQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Working state of one merchant's part of the cart while the engine prices it. */
final class MerchantCart {

    final UUID merchantId;
    /** Sorted by skuId: the stable tie-break key for allocations. */
    final PricedLine[] lines;
    /** Null when the merchant configured no promotions or shipping at all. */
    final MerchantRules rules;
    final ShippingTemplate shippingTemplate;
    final long subtotal;
    AcceptedCoupon coupon;
    ShippingQuote shipping;
    private final List<Discount> discounts = new ArrayList<>(4);

    MerchantCart(UUID merchantId, PricedLine[] lines, MerchantRules rules, ShippingTemplate shippingTemplate) {
        this.merchantId = merchantId;
        this.lines = lines;
        this.rules = rules;
        this.shippingTemplate = shippingTemplate;
        long sum = 0;
        for (PricedLine line : lines) {
            sum += line.subtotal; // cannot overflow: the resolver checked the whole cart's subtotal
        }
        this.subtotal = sum;
    }

    /** Goods amount still owed after the discounts applied so far. */
    long remaining() {
        long sum = 0;
        for (PricedLine line : lines) {
            sum += line.remaining();
        }
        return sum;
    }

    /** Records a rule's total on this merchant order; zero amounts are left out of the breakdown. */
    void record(RuleKind kind, String ruleId, String name, long amount) {
        if (amount > 0) {
            discounts.add(new Discount(kind, ruleId, name, amount));
        }
    }

    List<Discount> discounts() {
        return discounts;
    }
}
