package io.flashorder.pricing.quote;

/** Whole-order amounts in minor units of {@code currency}: {@code payable = subtotal - discount + shipping}. */
public record Totals(long subtotal, long discount, long shipping, long payable, String currency) {
}
