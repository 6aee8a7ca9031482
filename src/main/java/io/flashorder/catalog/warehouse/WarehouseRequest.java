package io.flashorder.catalog.warehouse;

import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** Creates or replaces a warehouse. {@code merchantId} is required from an admin; a merchant's token implies it. */
public record WarehouseRequest(
        UUID merchantId,
        @NotBlank @Size(max = 120) String name,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS))
        @NotBlank @Size(max = 16) String regionCode,
        Boolean active) {
}
