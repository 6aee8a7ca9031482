package io.flashorder.pricing.quote;

/**
 * An amount one rule took off a line or a merchant order, in minor units of the quote's currency.
 *
 * @param ruleId the tier name, or the promotion's or coupon's (instance) id (so text: a tier has no id)
 * @param name   readable name to show the buyer
 */
public record Discount(RuleKind kind, String ruleId, String name, long amount) {
}
