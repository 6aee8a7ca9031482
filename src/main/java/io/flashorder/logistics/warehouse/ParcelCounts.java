package io.flashorder.logistics.warehouse;

import java.util.Map;

/** How many of the merchant's parcels are in each status (console tabs), and how many hold for their address. */
public record ParcelCounts(Map<ParcelStatus, Long> byStatus, long total) {
}
