package io.flashorder.fulfilment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The hand-off of one merchant order to a carrier. */
public record ShipRequest(
        @NotBlank @Pattern(regexp = ShipRequest.CARRIER, message = "must be 2-64 letters, digits, spaces, '.', '_' or '-'")
        String carrier,
        @NotBlank @Pattern(regexp = ShipRequest.TRACKING, message = "must be 4-64 letters, digits or '-'")
        String trackingNumber) {

    static final String CARRIER = "[A-Za-z0-9][A-Za-z0-9 ._-]{1,63}";
    static final String TRACKING = "[A-Za-z0-9-]{4,64}";
}
