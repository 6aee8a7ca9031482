package io.flashorder.logistics.warehouse;

import jakarta.validation.constraints.Pattern;

/**
 * The hand-over of a READY parcel: {@code {}} when its waybill was booked, else the carrier and tracking number of
 * the merchant's own carrier (both, with the rules of a merchant order's shipment).
 */
public record HandOverRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{1,63}",
                message = "must be 2-64 letters, digits, spaces, '.', '_' or '-'") String carrier,
        @Pattern(regexp = "[A-Za-z0-9-]{4,64}", message = "must be 4-64 letters, digits or '-'") String trackingNumber) {

    boolean empty() {
        return carrier == null && trackingNumber == null;
    }
}
