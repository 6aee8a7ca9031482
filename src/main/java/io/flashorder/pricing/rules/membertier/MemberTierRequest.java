package io.flashorder.pricing.rules.membertier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Creates or replaces a member tier.
 *
 * @param tier       the tier name as the buyer's JWT carries it in its {@code tier} claim, e.g. {@code GOLD}
 * @param name       readable name shown in the price breakdown, e.g. "Gold member 5% off"
 * @param discountBp discount in basis points (500 = 5%)
 */
public record MemberTierRequest(
        @NotNull @Pattern(regexp = "[A-Z0-9_]{1,32}", message = "must be 1-32 upper-case letters, digits or _") String tier,
        @NotBlank @Size(max = 120) String name,
        @NotNull @PositiveOrZero @Max(10_000) Integer discountBp) {
}
