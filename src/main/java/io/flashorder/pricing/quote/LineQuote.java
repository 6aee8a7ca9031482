package io.flashorder.pricing.quote;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * One priced line. Amounts are minor units of the quote's currency.
 *
 * @param listUnitPrice the SKU's list price, so a client can strike it through under a campaign price
 * @param unitPrice     what one unit sells for before discounts (campaign price or list price)
 * @param campaignId    the campaign that set {@code unitPrice}, or null
 * @param subtotal      {@code unitPrice × quantity}
 * @param discounts     each rule's share of its discount on this line, in order of application
 * @param payable       {@code subtotal - discountTotal}, never negative; shipping is not spread over lines
 */
public record LineQuote(UUID skuId, UUID merchantId, long listUnitPrice, long unitPrice,
                        @Schema(nullable = true) UUID campaignId, int quantity, long subtotal,
                        List<Discount> discounts, long discountTotal, long payable) {
}
