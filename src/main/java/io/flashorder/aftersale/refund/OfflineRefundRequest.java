package io.flashorder.aftersale.refund;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A refund the merchant paid outside the provider (cash on delivery), with its proof (receipt or transfer id). */
public record OfflineRefundRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._/:-]{1,127}",
                message = "must be 2-128 letters, digits, spaces or . _ / : -") String reference) {
}
