package io.flashorder.logistics.warehouse;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Where a SKU lies in a warehouse, e.g. "A-03-12" (aisle, shelf, slot); pick lists sort by it. */
public record BinRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,31}",
                message = "must be 1-32 letters, digits, '.', '_', '/' or '-'") String bin) {
}
