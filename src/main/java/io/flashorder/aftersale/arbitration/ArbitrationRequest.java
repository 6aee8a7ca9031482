package io.flashorder.aftersale.arbitration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An admin's decision on a disputed case: for the buyer (the case continues as approved) or not (closed). */
public record ArbitrationRequest(@NotNull Boolean approve, @NotBlank @Size(max = 500) String reason) {
}
