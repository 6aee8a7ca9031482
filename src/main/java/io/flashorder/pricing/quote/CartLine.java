package io.flashorder.pricing.quote;

/** One line of the cart as the buyer sent it: which SKU and how many. */
public record CartLine(String skuId, int quantity) {
}
