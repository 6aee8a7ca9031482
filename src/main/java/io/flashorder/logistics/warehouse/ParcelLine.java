package io.flashorder.logistics.warehouse;

import java.util.UUID;

/** Units of one order line in a parcel. */
public record ParcelLine(UUID lineId, UUID merchantOrderId, UUID skuId, int quantity) {
}
