package io.flashorder.aftersale.returns;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * The merchant received the goods of a case and inspected them: per line of the case, units restocked and units
 * written off (together the line's quantity). Restocked units go into {@code warehouseId} (one of the merchant's
 * warehouses), or, without one, back where they were allocated from.
 */
public record ReceiptRequest(
        @Schema(nullable = true) UUID warehouseId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Inspection> lines) {

    public record Inspection(@NotNull UUID lineId, @NotNull @Min(0) @Max(9999) Integer restock,
                             @NotNull @Min(0) @Max(9999) Integer writeOff) {
    }
}
