package io.flashorder.pricing.quote;


import java.util.UUID;
/** One line of the cart as the buyer sent it: which SKU and how many. */
public record CartLine(UUID skuId, int quantity) {
}
