package io.flashorder.pricing.engine;

import io.flashorder.platform.Ids;
import io.flashorder.pricing.quote.AppliedRule;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.RuleKind;
import io.flashorder.pricing.quote.Totals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Last: freezes the working state into the immutable, JSON-friendly {@link PriceQuote}. */
final class QuoteAssembler {

    /** Order of application first, then merchant (platform rules first), then rule id. */
    private static final Comparator<AppliedRule> BREAKDOWN_ORDER = Comparator
            .comparing(AppliedRule::kind)
            .thenComparing(AppliedRule::merchantId, Comparator.nullsFirst(Ids.TEXT_ORDER))
            .thenComparing(AppliedRule::ruleId);

    private QuoteAssembler() {
    }

    static PriceQuote assemble(ResolvedCart cart, Instant pricedAt) {
        MerchantCart[] merchants = cart.merchants();
        List<MerchantOrderQuote> orders = new ArrayList<>(merchants.length);
        List<AppliedRule> rules = new ArrayList<>();
        long subtotal = 0;
        long discount = 0;
        long shipping = 0;
        long payable;
        try {
            for (MerchantCart merchant : merchants) {
                MerchantOrderQuote order = merchantOrder(merchant);
                orders.add(order);
                subtotal += order.subtotal(); // bounded by the resolver's cart subtotal check
                discount += order.discountTotal();
                shipping = Math.addExact(shipping, order.shipping().fee());
                collectRules(merchant, rules);
            }
            payable = Math.addExact(subtotal - discount, shipping);
        } catch (ArithmeticException overflow) {
            throw new PricingException(PricingError.AMOUNT_OUT_OF_RANGE, null, "the order total is out of range");
        }
        if (cart.platformCoupon() != null) {
            AcceptedCoupon coupon = cart.platformCoupon();
            // Listed even when it took nothing off: the order still consumes it.
            addTo(rules, RuleKind.PLATFORM_COUPON, coupon.couponId().toString(), coupon.template().name(), null, 0);
        }
        rules.sort(BREAKDOWN_ORDER);
        return new PriceQuote(cart.currency(), pricedAt, List.copyOf(orders), List.copyOf(rules),
                new Totals(subtotal, discount, shipping, payable, cart.currency()));
    }

    private static MerchantOrderQuote merchantOrder(MerchantCart merchant) {
        List<LineQuote> lines = new ArrayList<>(merchant.lines.length);
        for (PricedLine line : merchant.lines) {
            lines.add(line.toQuote());
        }
        long goodsPayable = merchant.remaining();
        long payable = Math.addExact(goodsPayable, merchant.shipping.fee());
        return new MerchantOrderQuote(merchant.merchantId, List.copyOf(lines), merchant.subtotal,
                List.copyOf(merchant.discounts()), merchant.subtotal - goodsPayable, merchant.shipping, payable);
    }

    private static void collectRules(MerchantCart merchant, List<AppliedRule> rules) {
        for (Discount d : merchant.discounts()) {
            addTo(rules, d.kind(), d.ruleId(), d.name(), ownerOf(d.kind(), merchant), d.amount());
        }
        if (merchant.coupon != null) {
            // Listed even when it took nothing off: the order still consumes it.
            addTo(rules, RuleKind.MERCHANT_COUPON, merchant.coupon.couponId().toString(), merchant.coupon.template().name(),
                    merchant.merchantId, 0);
        }
    }

    /** Platform-wide rules (tier, platform coupon, points) are one entry summed over merchants. */
    private static UUID ownerOf(RuleKind kind, MerchantCart merchant) {
        return kind == RuleKind.MEMBER_TIER || kind == RuleKind.PLATFORM_COUPON || kind == RuleKind.POINTS ? null
                : merchant.merchantId;
    }

    private static void addTo(List<AppliedRule> rules, RuleKind kind, String ruleId, String name, UUID merchantId,
                              long amount) {
        for (int i = 0; i < rules.size(); i++) {
            AppliedRule rule = rules.get(i);
            if (rule.kind() == kind && rule.ruleId().equals(ruleId)) {
                rules.set(i, new AppliedRule(kind, ruleId, name, merchantId, rule.amount() + amount));
                return;
            }
        }
        rules.add(new AppliedRule(kind, ruleId, name, merchantId, amount));
    }
}
