package io.flashorder.pricing.rules.membertier;

import jakarta.validation.constraints.NotNull;

/** @param appliesToCampaignPrice whether the tier discount also applies to lines sold at a campaign price */
public record TierPolicyRequest(@NotNull Boolean appliesToCampaignPrice) {
}
