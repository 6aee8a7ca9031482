package io.flashorder.fulfilment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * Many hand-offs in one call. Items are checked one by one (a bad item is refused in the answer, the others still
 * ship), so only the list itself is validated here.
 */
public record BatchShipRequest(@NotNull @Size(min = 1, max = 100) List<Item> shipments) {

    /** Checked when the item is shipped, with the rules of {@link ShipRequest} (documented here for clients). */
    public record Item(UUID merchantOrderId,
                       @Schema(pattern = ShipRequest.CARRIER, maxLength = 64) String carrier,
                       @Schema(pattern = ShipRequest.TRACKING, maxLength = 64) String trackingNumber) {

        ShipRequest shipRequest() {
            return new ShipRequest(carrier, trackingNumber);
        }
    }
}
