package io.flashorder.pricing.engine;

import io.flashorder.platform.money.BasisPoints;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.quote.RuleKind;

/**
 * Step 2: the buyer's member tier percentage, computed per merchant order on its eligible lines (all of
 * them, or only list-priced ones when the platform excludes campaign prices), rounded half up.
 */
final class MemberTierStep {

    private MemberTierStep() {
    }

    static void apply(MerchantCart merchant, MemberTier tier, boolean appliesToCampaignPrice) {
        if (tier == null || tier.discountBp() == 0) {
            return;
        }
        PricedLine[] eligible = new PricedLine[merchant.lines.length];
        int count = 0;
        long base = 0;
        for (PricedLine line : merchant.lines) {
            if (appliesToCampaignPrice || !line.campaignPriced()) {
                eligible[count++] = line;
                base += line.remaining();
            }
        }
        long amount = BasisPoints.shareHalfUp(base, tier.discountBp());
        long taken = DiscountSpreader.spread(eligible, count, amount, RuleKind.MEMBER_TIER, tier.tier(), tier.name());
        merchant.record(RuleKind.MEMBER_TIER, tier.tier(), tier.name(), taken);
    }
}
