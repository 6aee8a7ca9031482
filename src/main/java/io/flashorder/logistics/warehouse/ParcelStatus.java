package io.flashorder.logistics.warehouse;

import java.util.EnumSet;
import java.util.Set;

/** Where a parcel stands in the warehouse: split at payment, picked in a wave, packed after review, handed over. */
public enum ParcelStatus {
    AWAITING_PICK,
    PICKING,
    PACKING,
    READY,
    SHIPPED,
    /** The carrier delivered it (signed for). */
    DELIVERED,
    /** The buyer refused it (拒收): it returns to the sender. */
    REFUSED,
    /** The carrier reported it lost, damaged or delayed; a newer event may move it on. */
    EXCEPTION,
    /** A refused parcel back at the merchant: refunded and restocked through after-sales. */
    RETURNED,
    /** Its lines moved into another parcel of the same buyer and address. */
    MERGED,
    /** Every unit it carried was refunded before shipment: nothing left to pick, pack or ship. */
    CANCELLED;

    /** Still in the warehouse: the merchant order has not left with it. */
    public static final Set<ParcelStatus> OPEN = EnumSet.of(AWAITING_PICK, PICKING, PACKING, READY);

    public static ParcelStatus parse(String value) {
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw io.flashorder.platform.error.ApiException.invalidField("status", "must be one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
