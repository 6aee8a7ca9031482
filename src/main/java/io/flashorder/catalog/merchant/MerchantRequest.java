package io.flashorder.catalog.merchant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Creates or replaces a merchant; {@code active} defaults to true. */
public record MerchantRequest(
        @NotBlank @Size(max = 120) String name,
        Boolean active) {
}
