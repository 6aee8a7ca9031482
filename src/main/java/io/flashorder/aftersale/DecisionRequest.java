package io.flashorder.aftersale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a merchant refuses a case (required), or why an admin decides a dispute as it does. */
public record DecisionRequest(@NotBlank @Size(max = 500) String reason) {
}
