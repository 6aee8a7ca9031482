/**
 * Cart pricing. The pure engine ({@code engine}: {@link io.flashorder.pricing.engine.PricingEngine#price}) turns a
 * {@link io.flashorder.pricing.model.PricingSnapshot} ({@code model}: catalog, campaigns, member tiers, merchant
 * promotions and shipping templates, coupon templates and the buyer's coupons) and a
 * {@link io.flashorder.pricing.quote.CartRequest} ({@code quote}: requests and results) into a
 * {@link io.flashorder.pricing.quote.PriceQuote}, or refuses with a
 * {@link io.flashorder.pricing.quote.PricingException} carrying a stable code. No I/O, no clock, no randomness;
 * see {@code PricingEngine} for the order of application.
 *
 * <p>Around it: {@link io.flashorder.pricing.PricingService} (the snapshot in memory and the entry point for
 * checkout), {@code rules} (admin and merchant rule APIs and the snapshot loader), {@code coupon} (buyers'
 * coupons) and {@code preview} (the cart preview endpoint).
 *
 * <p>Public: the snapshot records, the request and quote records, the engine and the exception. Package-private
 * inside {@code engine}: the working state ({@code PricedLine}, {@code MerchantCart}) and one class per step.
 */
package io.flashorder.pricing;
