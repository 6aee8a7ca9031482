package io.flashorder.logistics.address;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new delivery address for a paid order: every field with {@code PUT}, the fields to change with {@code PATCH}.
 * The address that results must pass the rules an order is placed with.
 */
public record ShippingAddressRequest(
        @Size(max = 100) String recipient,
        @Pattern(regexp = "\\+?[0-9][0-9 \\-]{5,22}[0-9]",
                message = "must be a phone number of 7 to 24 digits, spaces or dashes") String phone,
        @Size(max = 16) String regionCode,
        @Size(max = 300) String detail) {

    boolean empty() {
        return recipient == null && phone == null && regionCode == null && detail == null;
    }
}
