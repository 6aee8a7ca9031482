package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.RuleKind;

import java.time.Instant;

/**
 * Step 3b: merchant spend-threshold reductions. The spend is what the merchant's lines still owe after the
 * member tier and percentage-off promotions. Of every tier of every live threshold promotion the spend
 * reaches, the single one with the largest reduction applies (ties: the lowest promotion id, then the tier
 * listed first), capped at the spend.
 */
final class SpendThresholdStep {

    private SpendThresholdStep() {
    }

    static void apply(MerchantCart merchant, Instant at, String currency) {
        if (merchant.rules == null || merchant.rules.spendThresholdPromotions().isEmpty()) {
            return;
        }
        long spend = merchant.remaining();
        SpendThresholdPromotion bestPromotion = null;
        long bestReduction = 0;
        for (SpendThresholdPromotion promotion : merchant.rules.spendThresholdPromotions()) { // sorted by id
            if (!promotion.window().contains(at)) {
                continue;
            }
            for (ThresholdTier tier : promotion.tiers()) {
                if (!tier.threshold().hasCurrency(currency)) {
                    throw new PricingException(PricingError.MIXED_CURRENCY, promotion.promotionId(),
                            "the promotion is in " + tier.threshold().currency() + ", the cart in " + currency);
                }
                long reduction = tier.reduction().amountMinor();
                if (spend >= tier.threshold().amountMinor() && reduction > bestReduction) {
                    bestPromotion = promotion;
                    bestReduction = reduction;
                }
            }
        }
        if (bestPromotion != null) {
            long taken = DiscountSpreader.spread(merchant.lines, bestReduction, RuleKind.SPEND_THRESHOLD_PROMOTION,
                    bestPromotion.promotionId().toString(), bestPromotion.name());
            merchant.record(RuleKind.SPEND_THRESHOLD_PROMOTION, bestPromotion.promotionId().toString(), bestPromotion.name(),
                    taken);
        }
    }
}
