package io.flashorder.pricing.model;

import java.util.Map;

/**
 * Platform-wide member tier discounts.
 *
 * @param tiersByName            the tiers, keyed by {@link MemberTier#tier()}
 * @param appliesToCampaignPrice whether a tier discount also applies to lines sold at a flash-sale price
 */
public record MemberTierPolicy(Map<String, MemberTier> tiersByName, boolean appliesToCampaignPrice) {

    public static final MemberTierPolicy NONE = new MemberTierPolicy(Map.of(), false);

    public MemberTierPolicy {
        tiersByName = Map.copyOf(tiersByName);
        tiersByName.forEach((key, tier) -> {
            if (!key.equals(tier.tier())) {
                throw new IllegalArgumentException("tier keyed as " + key + " is named " + tier.tier());
            }
        });
    }
}
