package io.flashorder.pricing.quote;

import java.util.List;
import java.util.UUID;

/**
 * The part of the order one merchant sells, priced. Amounts are minor units of the quote's currency.
 *
 * @param lines     sorted by skuId
 * @param discounts the total of each rule over this merchant's lines, in order of application
 * @param payable   {@code subtotal - discountTotal + shipping.fee()}
 */
public record MerchantOrderQuote(UUID merchantId, List<LineQuote> lines, long subtotal,
                                 List<Discount> discounts, long discountTotal, ShippingQuote shipping,
                                 long payable) {
}
