package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.MemberTier;

/**
 * A validated cart: every SKU found and priced per unit, lines grouped by merchant (sorted by merchantId),
 * tier and coupons checked.
 *
 * @param tier           null when the buyer has no tier
 * @param platformCoupon null when none
 */
record ResolvedCart(String currency, String regionCode, MerchantCart[] merchants, MemberTier tier,
                    boolean tierAppliesToCampaignPrice, AcceptedCoupon platformCoupon) {
}
