/**
 * The pure cart pricing engine. {@link io.flashorder.pricing.PricingEngine#price} turns a
 * {@link io.flashorder.pricing.PricingSnapshot} (catalog, campaigns, member tiers, merchant promotions and
 * shipping templates, coupon templates and the buyer's coupons) and a {@link io.flashorder.pricing.CartRequest}
 * into a {@link io.flashorder.pricing.PriceQuote}, or refuses with a {@link io.flashorder.pricing.PricingException}
 * carrying a stable code. No I/O, no clock, no randomness; see {@code PricingEngine} for the order of
 * application.
 *
 * <p>Public: the snapshot records, the request records, the quote records, the engine and the exception.
 * Package-private: the working state ({@code PricedLine}, {@code MerchantCart}) and one class per step.
 */
package io.flashorder.pricing;
