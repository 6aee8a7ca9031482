package io.flashorder.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Creates or replaces a warehouse. {@code merchantId} is required from an admin; a merchant's token implies it. */
public record WarehouseRequest(
        UUID merchantId,
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 16) String regionCode,
        Boolean active) {
}
