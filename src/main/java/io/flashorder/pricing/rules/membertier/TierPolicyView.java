package io.flashorder.pricing.rules.membertier;

import java.time.Instant;

public record TierPolicyView(boolean appliesToCampaignPrice, Instant updatedAt, long version) {

    static TierPolicyView of(PricingSettingsRow row) {
        return new TierPolicyView(row.tierAppliesToCampaignPrice, row.updatedAt, row.version);
    }
}
