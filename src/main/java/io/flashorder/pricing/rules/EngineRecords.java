package io.flashorder.pricing.rules;

import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.CouponKind;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.model.TimeWindow;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRow;
import io.flashorder.pricing.rules.membertier.MemberTierRow;
import io.flashorder.pricing.rules.promotion.PromotionRow;
import io.flashorder.pricing.rules.promotion.PromotionTierRow;
import io.flashorder.pricing.rules.shipping.ShippingTemplateRow;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Turns stored rule rows into the pricing engine's records. */
final class EngineRecords {

    private EngineRecords() {
    }

    static MemberTier memberTier(MemberTierRow row) {
        return new MemberTier(row.tier, row.name, row.discountBp);
    }

    static PercentOffPromotion percentOff(PromotionRow row, Set<UUID> skuIds) {
        return new PercentOffPromotion(row.id, row.merchantId, row.name,
                new TimeWindow(row.startsAt, row.endsAt), skuIds, row.discountBp);
    }

    static SpendThresholdPromotion spendThreshold(PromotionRow row, List<PromotionTierRow> tiers) {
        List<ThresholdTier> engineTiers = tiers.stream()
                .map(t -> new ThresholdTier(Money.of(t.threshold, row.currency), Money.of(t.reduction, row.currency)))
                .toList();
        return new SpendThresholdPromotion(row.id, row.merchantId, row.name,
                new TimeWindow(row.startsAt, row.endsAt), engineTiers);
    }

    static ShippingTemplate shippingTemplate(ShippingTemplateRow row) {
        return new ShippingTemplate(row.id, row.merchantId, row.regionCode,
                row.firstWeightGrams, Money.of(row.firstWeightPrice, row.currency), row.stepGrams,
                Money.of(row.stepPrice, row.currency), money(row.freeShippingThreshold, row.currency));
    }

    static CouponTemplate couponTemplate(CouponTemplateRow row) {
        TimeWindow validity = new TimeWindow(row.startsAt, row.endsAt);
        Money minSpend = money(row.minSpend, row.currency);
        return row.kind == CouponKind.FIXED
                ? CouponTemplate.fixed(row.id, row.name, row.merchantId, Money.of(row.amount, row.currency),
                        minSpend, validity, row.totalQuantity)
                : CouponTemplate.percent(row.id, row.name, row.merchantId, row.percentBp,
                        money(row.percentCap, row.currency), minSpend, validity, row.totalQuantity);
    }

    private static Money money(Long amountOrNull, String currency) {
        return amountOrNull == null ? null : Money.of(amountOrNull, currency);
    }
}
