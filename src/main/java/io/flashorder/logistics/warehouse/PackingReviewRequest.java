package io.flashorder.logistics.warehouse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** What the packer scanned into the parcel, and what the parcel weighs. */
public record PackingReviewRequest(
        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Scan> items,
        @NotNull @Min(1) @Max(1_000_000) Long weightGrams) {

    /** Units of one SKU scanned (the same SKU may appear more than once; the units add up). */
    public record Scan(@NotNull UUID skuId, @NotNull @Min(1) @Max(100_000) Integer quantity) {
    }
}
