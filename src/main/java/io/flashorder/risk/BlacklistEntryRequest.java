package io.flashorder.risk;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Adds or removes a blacklist entry. {@code value} is a user id (USER), a phone number (PHONE) or the street
 * detail of an address (ADDRESS, with {@code regionCode}).
 */
public record BlacklistEntryRequest(
        @NotNull BlacklistKind kind,
        @NotBlank @Size(max = 300) String value,
        @Schema(description = "required for ADDRESS") @Size(max = 16) String regionCode) {
}
