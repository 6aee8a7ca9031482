package io.flashorder.pricing.quote;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * A rule that took part in the price, with its total over the whole order, for the mobile breakdown.
 * Amounts of all applied rules sum to {@link Totals#discount()}.
 *
 * @param ruleId     the tier name, or the promotion's or coupon's (instance) id
 * @param merchantId the merchant whose rule it is; null for platform rules (member tier, platform coupon)
 */
public record AppliedRule(RuleKind kind, String ruleId, String name, @Schema(nullable = true) UUID merchantId,
                          long amount) {
}
