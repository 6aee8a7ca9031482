package io.flashorder.aftersale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A buyer's after-sale request over some lines and quantities of one of its merchant orders. Evidence URLs must be
 * https URLs with a host (checked by {@link CaseRequests}).
 */
public record OpenCaseRequest(
        @NotNull UUID merchantOrderId,
        @NotNull AfterSaleType type,
        @NotNull ReasonCode reasonCode,
        @NotNull @Size(max = 500) String description,
        @Schema(nullable = true, description = "Up to 9 https image URLs")
        @Size(max = 9) List<@NotNull @Size(min = 12, max = 2048) String> evidenceUrls,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines) {

    /** Units of one order line; an exchange may name the SKU it wants instead (null: the line's own SKU). */
    public record Line(@NotNull UUID lineId, @NotNull @Min(1) @Max(9999) Integer quantity,
                       @Schema(nullable = true, description = "EXCHANGE only: another variant at the same price")
                       UUID replacementSkuId) {
    }

    public List<String> evidence() {
        return evidenceUrls == null ? List.of() : evidenceUrls;
    }
}
