package io.flashorder.pricing.engine;

import io.flashorder.platform.money.BasisPoints;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.quote.RuleKind;

import java.time.Instant;
import java.util.List;

/**
 * Step 3a: merchant percentage-off promotions. A line takes at most one: the live promotion covering its
 * SKU with the highest percentage (ties: the lowest promotion id). Each promotion's discount is computed on
 * the lines it won, rounded half up, and spread over them.
 */
final class PercentOffStep {

    private PercentOffStep() {
    }

    static void apply(MerchantCart merchant, Instant at) {
        if (merchant.rules == null || merchant.rules.percentOffPromotions().isEmpty()) {
            return;
        }
        List<PercentOffPromotion> promotions = merchant.rules.percentOffPromotions(); // sorted by id
        PricedLine[] lines = merchant.lines;
        PercentOffPromotion[] winner = new PercentOffPromotion[lines.length];
        for (int i = 0; i < lines.length; i++) {
            for (PercentOffPromotion promotion : promotions) {
                if (promotion.discountBp() > 0 && promotion.window().contains(at)
                        && promotion.skuIds().contains(lines[i].skuId())
                        && (winner[i] == null || promotion.discountBp() > winner[i].discountBp())) {
                    winner[i] = promotion;
                }
            }
        }
        PricedLine[] won = new PricedLine[lines.length];
        for (PercentOffPromotion promotion : promotions) {
            int count = 0;
            long base = 0;
            for (int i = 0; i < lines.length; i++) {
                if (winner[i] == promotion) {
                    won[count++] = lines[i];
                    base += lines[i].remaining();
                }
            }
            if (count > 0) {
                long amount = BasisPoints.shareHalfUp(base, promotion.discountBp());
                long taken = DiscountSpreader.spread(won, count, amount, RuleKind.PERCENT_OFF_PROMOTION,
                        promotion.promotionId().toString(), promotion.name());
                merchant.record(RuleKind.PERCENT_OFF_PROMOTION, promotion.promotionId().toString(), promotion.name(), taken);
            }
        }
    }
}
