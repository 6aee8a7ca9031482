package io.flashorder.points;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator's points adjustment.
 *
 * @param buyerId   the buyer (its token subject)
 * @param amount    points to add (positive) or take (negative); never zero
 * @param reason    why, shown in the buyer's ledger and kept as the audit trail
 * @param reference optional: makes the adjustment idempotent (the same reference again changes nothing)
 */
public record AdjustmentRequest(
        @NotNull @Pattern(regexp = BUYER_ID, message = "must be 1 to 255 letters, digits, '.', '_', '@', ':' or '-'")
        String buyerId,
        @NotNull Long amount,
        @NotBlank @Size(max = 200) String reason,
        @Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                message = "letters, digits, '.', '_', ':' and '-' only") String reference) {

    /** Buyer ids are token subjects: bounded, printable, no spaces. */
    static final String BUYER_ID = "[A-Za-z0-9._@:-]{1,255}";
}
