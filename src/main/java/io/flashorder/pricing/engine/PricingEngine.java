package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PriceQuote;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Prices a cart exactly, as a pure function of a {@link PricingSnapshot}, a {@link CartRequest} and the
 * pricing instant: no I/O, no clock, no randomness; the same input always gives the same {@link PriceQuote},
 * whatever the order of lines or coupons in the request. Stateless and thread-safe.
 *
 * <h2>Order of application</h2>
 * Each step works on what the lines still owe after the steps before it; no step ever takes a line below zero
 * (a discount is capped at what remains), and every discount is spread over lines by largest remainder with
 * ties broken by skuId (and over merchants by merchantId), so the parts sum exactly to the discount.
 * <ol>
 *   <li><b>Unit price</b>: the SKU's list price, or the campaign price when the cart names a campaign that is
 *       live at the pricing instant ({@code [startsAt, endsAt)}) and the SKU is in it.</li>
 *   <li><b>Member tier</b>: the tier's percentage (a tier the platform does not define gives none) of each merchant order's eligible lines (campaign-priced
 *       lines only if the platform flag allows), rounded half up.</li>
 *   <li><b>Merchant promotions</b>: first percentage-off (each line takes its best live promotion), then the
 *       spend-threshold reduction, measured on what remains after tier and percentage-off; the single best
 *       tier of all live threshold promotions applies.</li>
 *   <li><b>Merchant coupon</b> (at most one per merchant): on the merchant's remaining amount; minimum spend
 *       measured on that same amount.</li>
 *   <li><b>Platform coupon</b> (at most one): on the whole order's remaining amount (after merchant coupons);
 *       split across merchants in proportion to their remaining amounts, then down to lines.</li>
 *   <li><b>Shipping</b>: one fee per merchant order by weight from its template for the region (or its default
 *       {@code "*"} template); free when the merchant's goods payable after all discounts reaches the
 *       template's threshold.</li>
 *   <li><b>Member points</b> (see {@link PointsStep}): on the goods still owed, after shipping was decided, in
 *       whole granules of the platform's rate and within its cap.</li>
 * </ol>
 * Percentages are basis points and are rounded half up once per rule and merchant order, never per line.
 */
public final class PricingEngine {

    /**
     * @param snapshot catalog, rules and the buyer's coupons, as of the pricing instant
     * @param cart     what the buyer asks to price
     * @param pricedAt the pricing instant (from the injected clock), which decides what is live
     * @return the exact quote
     * @throws PricingException with a stable code and the offending id when the cart cannot be priced
     */
    public PriceQuote price(PricingSnapshot snapshot, CartRequest cart, Instant pricedAt) {
        return price(snapshot, snapshot.coupons(), cart, pricedAt);
    }

    /**
     * The same with the buyer's coupons given apart from the snapshot (keyed by coupon id), so a shared catalog
     * snapshot serves every request without being copied or checked again per quote.
     */
    public PriceQuote price(PricingSnapshot snapshot, Map<UUID, Coupon> buyerCoupons, CartRequest cart,
                            Instant pricedAt) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(buyerCoupons, "buyerCoupons");
        Objects.requireNonNull(cart, "cart");
        Objects.requireNonNull(pricedAt, "pricedAt");
        ResolvedCart resolved = CartResolver.resolve(snapshot, buyerCoupons, cart, pricedAt);
        for (MerchantCart merchant : resolved.merchants()) {
            MemberTierStep.apply(merchant, resolved.tier(), resolved.tierAppliesToCampaignPrice());
            PercentOffStep.apply(merchant, pricedAt);
            SpendThresholdStep.apply(merchant, pricedAt, resolved.currency());
            MerchantCouponStep.apply(merchant);
        }
        PlatformCouponStep.apply(resolved.merchants(), resolved.platformCoupon());
        for (MerchantCart merchant : resolved.merchants()) {
            ShippingStep.apply(merchant, resolved.regionCode());
        }
        PointsStep.apply(resolved.merchants(), cart.points());
        return QuoteAssembler.assemble(resolved, pricedAt);
    }
}
