package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.Ids;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Turns a price quote into the order to place, with ids for the order, its merchant orders and lines. */
final class OrderDraft {

    private OrderDraft() {
    }

    static PlacedOrder from(UUID orderId, Buyer buyer, PlaceOrderRequest request, PriceQuote quote,
                            CatalogSnapshot catalog, PlacedOrder.Address address, Instant placedAt,
                            Instant paymentDeadline, String deviceHash) {
        List<PlacedOrder.MerchantPart> parts = quote.merchantOrders().stream()
                .map(merchant -> merchantPart(merchant, catalog)).toList();
        List<PlacedOrder.Rule> rules = quote.appliedRules().stream().map(OrderDraft::rule).toList();
        UUID campaignId = quote.merchantOrders().stream().flatMap(m -> m.lines().stream())
                .map(LineQuote::campaignId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new PlacedOrder(orderId, buyer.userId(), campaignId, request.paymentMethod(), quote.currency(),
                quote.totals().subtotal(), quote.totals().discount(), quote.totals().shipping(),
                quote.totals().payable(), placedAt, paymentDeadline, address,
                request.buyerNote() == null ? null : request.buyerNote().strip(),
                request.couponIdsOrEmpty().stream().map(UUID::toString).sorted().toList(), rules, parts, deviceHash);
    }

    private static PlacedOrder.MerchantPart merchantPart(MerchantOrderQuote merchant, CatalogSnapshot catalog) {
        List<PlacedOrder.Line> lines = merchant.lines().stream().map(line -> {
            UUID skuId = line.skuId();
            String title = catalog.sku(skuId).map(CatalogSnapshot.SkuInfo::title).orElse("");
            return new PlacedOrder.Line(Ids.newId(), skuId, title, line.quantity(), line.listUnitPrice(),
                    line.unitPrice(), line.subtotal(), line.discountTotal(), line.payable(),
                    line.discounts().stream().map(OrderDraft::rule).toList());
        }).toList();
        return new PlacedOrder.MerchantPart(Ids.newId(), merchant.merchantId(), merchant.subtotal(),
                merchant.discountTotal(), merchant.shipping().fee(), merchant.payable(), lines);
    }

    private static PlacedOrder.Rule rule(AppliedRule rule) {
        return new PlacedOrder.Rule(rule.kind().name(), rule.ruleId(), rule.name(), rule.amount());
    }

    private static PlacedOrder.Rule rule(Discount discount) {
        return new PlacedOrder.Rule(discount.kind().name(), discount.ruleId(), discount.name(), discount.amount());
    }
}
