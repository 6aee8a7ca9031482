package io.flashorder.pricing.engine;

import io.flashorder.platform.Ids;
import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.Campaign;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.MerchantRules;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a cart request into a {@link ResolvedCart}, or refuses it with a {@link PricingException}.
 * Lines are checked in skuId order, so when several are wrong the one reported does not depend on the
 * order of the request.
 */
final class CartResolver {

    private static final Comparator<CartLine> BY_SKU_ID = Comparator.comparing(CartLine::skuId, Ids.TEXT_ORDER);
    private static final Comparator<PricedLine> BY_MERCHANT_THEN_SKU =
            Comparator.comparing(PricedLine::merchantId, Ids.TEXT_ORDER).thenComparing(PricedLine::skuId, Ids.TEXT_ORDER);

    private CartResolver() {
    }

    static ResolvedCart resolve(PricingSnapshot snapshot, Map<UUID, Coupon> buyerCoupons, CartRequest cart,
                                Instant at) {
        CartLine[] requested = sortedLines(cart.lines());
        Campaign campaign = liveCampaign(snapshot, cart.campaignId(), at);
        PricedLine[] lines = new PricedLine[requested.length];
        String currency = null;
        long cartSubtotal = 0;
        for (int i = 0; i < requested.length; i++) {
            lines[i] = priceLine(snapshot, requested[i], campaign, currency);
            currency = lines[i].sku.listPrice().currency();
            cartSubtotal = addOrRefuse(cartSubtotal, lines[i].subtotal, lines[i].skuId());
        }
        MemberTier tier = tierOf(snapshot, cart.memberTier());
        String region = cart.regionCode();
        if (region == null || region.isBlank()) {
            throw new PricingException(PricingError.REGION_MISSING, null, "a destination region is required");
        }
        MerchantCart[] merchants = groupByMerchant(snapshot, lines, region, currency);
        AcceptedCoupon platformCoupon = CouponResolver.resolve(snapshot, buyerCoupons, cart, at, currency, merchants);
        return new ResolvedCart(currency, region, merchants, tier,
                snapshot.memberTiers().appliesToCampaignPrice(), platformCoupon);
    }

    private static CartLine[] sortedLines(List<CartLine> lines) {
        if (lines.isEmpty()) {
            throw new PricingException(PricingError.EMPTY_CART, null, "the cart has no lines");
        }
        CartLine[] sorted = lines.toArray(new CartLine[0]);
        for (CartLine line : sorted) {
            if (line == null || line.skuId() == null) {
                throw new PricingException(PricingError.INVALID_LINE, null, "a cart line has no SKU");
            }
        }
        Arrays.sort(sorted, BY_SKU_ID);
        // Two passes: a single one would report a duplicate or a bad quantity depending on request order.
        for (CartLine line : sorted) {
            if (line.quantity() < 1) {
                throw new PricingException(PricingError.INVALID_QUANTITY, line.skuId(),
                        "quantity must be at least 1, was " + line.quantity());
            }
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].skuId().equals(sorted[i - 1].skuId())) {
                throw new PricingException(PricingError.DUPLICATE_SKU, sorted[i].skuId(),
                        "the SKU appears on more than one line");
            }
        }
        return sorted;
    }

    private static Campaign liveCampaign(PricingSnapshot snapshot, UUID campaignId, Instant at) {
        if (campaignId == null) {
            return null;
        }
        Campaign campaign = snapshot.campaigns().get(campaignId);
        if (campaign == null) {
            throw new PricingException(PricingError.CAMPAIGN_NOT_FOUND, campaignId, "no such campaign");
        }
        if (!campaign.window().contains(at)) {
            throw new PricingException(PricingError.CAMPAIGN_NOT_LIVE, campaignId,
                    "the campaign is not live at " + at);
        }
        return campaign;
    }

    /** @param currency the currency of the lines before this one, or null for the first line */
    private static PricedLine priceLine(PricingSnapshot snapshot, CartLine requested, Campaign campaign,
                                        String currency) {
        UUID skuId = requested.skuId();
        Sku sku = snapshot.skus().get(skuId);
        if (sku == null) {
            throw new PricingException(PricingError.SKU_NOT_FOUND, skuId, "no such SKU");
        }
        if (!sku.active()) {
            throw new PricingException(PricingError.SKU_INACTIVE, skuId, "the SKU is not on sale");
        }
        if (currency != null && !sku.listPrice().hasCurrency(currency)) {
            throw new PricingException(PricingError.MIXED_CURRENCY, skuId,
                    "the SKU is priced in " + sku.listPrice().currency() + ", the cart in " + currency);
        }
        Money unitPrice = sku.listPrice();
        UUID campaignId = null;
        Money campaignPrice = campaign == null ? null : campaign.priceOf(skuId);
        if (campaignPrice != null) {
            if (!campaignPrice.hasCurrency(sku.listPrice().currency())) {
                throw new PricingException(PricingError.MIXED_CURRENCY, campaign.campaignId(),
                        "the campaign prices " + skuId + " in " + campaignPrice.currency());
            }
            unitPrice = campaignPrice;
            campaignId = campaign.campaignId();
        }
        long subtotal;
        try {
            subtotal = Math.multiplyExact(unitPrice.amountMinor(), (long) requested.quantity());
        } catch (ArithmeticException overflow) {
            throw new PricingException(PricingError.AMOUNT_OUT_OF_RANGE, skuId, "line subtotal is out of range");
        }
        return new PricedLine(sku, requested.quantity(), unitPrice.amountMinor(), campaignId, subtotal);
    }

    private static MemberTier tierOf(PricingSnapshot snapshot, String tierName) {
        if (tierName == null) {
            return null;
        }
        // A tier the platform does not define (yet) simply gives no discount; it must not stop anyone buying.
        return snapshot.memberTiers().tiersByName().get(tierName);
    }

    private static MerchantCart[] groupByMerchant(PricingSnapshot snapshot, PricedLine[] lines, String region,
                                                  String currency) {
        PricedLine[] byMerchant = lines.clone();
        Arrays.sort(byMerchant, BY_MERCHANT_THEN_SKU);
        int merchantCount = 0;
        for (int i = 0; i < byMerchant.length; i++) {
            if (i == 0 || !byMerchant[i].merchantId().equals(byMerchant[i - 1].merchantId())) {
                merchantCount++;
            }
        }
        MerchantCart[] merchants = new MerchantCart[merchantCount];
        int start = 0;
        for (int m = 0; m < merchantCount; m++) {
            UUID merchantId = byMerchant[start].merchantId();
            int end = start;
            while (end < byMerchant.length && byMerchant[end].merchantId().equals(merchantId)) {
                end++;
            }
            MerchantRules rules = snapshot.merchants().get(merchantId);
            merchants[m] = new MerchantCart(merchantId, Arrays.copyOfRange(byMerchant, start, end), rules,
                    shippingTemplate(rules, merchantId, region, currency));
            start = end;
        }
        return merchants;
    }

    private static ShippingTemplate shippingTemplate(MerchantRules rules, UUID merchantId, String region,
                                                     String currency) {
        ShippingTemplate template = rules == null ? null : rules.shippingTemplateFor(region);
        if (template == null) {
            throw new PricingException(PricingError.NO_SHIPPING_TEMPLATE, merchantId,
                    "the merchant has no shipping template for region " + region + " and no default");
        }
        if (!template.currency().equals(currency)) {
            throw new PricingException(PricingError.MIXED_CURRENCY, template.templateId(),
                    "the shipping template charges in " + template.currency());
        }
        return template;
    }

    private static long addOrRefuse(long sum, long amount, UUID skuId) {
        try {
            return Math.addExact(sum, amount);
        } catch (ArithmeticException overflow) {
            throw new PricingException(PricingError.AMOUNT_OUT_OF_RANGE, skuId, "cart subtotal is out of range");
        }
    }
}
