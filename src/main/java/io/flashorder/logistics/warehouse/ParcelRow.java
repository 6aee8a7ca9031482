package io.flashorder.logistics.warehouse;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A parcel row as stored. */
public record ParcelRow(UUID id, UUID merchantId, UUID warehouseId, UUID orderId, UUID merchantOrderId,
                        String buyerId, ParcelStatus status, UUID waveId, UUID mergedInto, String addressProblem,
                        Long expectedWeightGrams, Long packedWeightGrams, boolean weightFlagged, int mismatchCount,
                        String carrier, String trackingNumber, Instant createdAt, Instant pickingAt,
                        Instant packingAt, Instant readyAt, Instant shippedAt, String carrierReason, String currency,
                        Long declaredValue, Long shippingCost, boolean insured, Long insurancePremium,
                        Instant bookedAt, String trackingStatus, Instant lastEventAt, Instant deliveredAt,
                        String signer, String exceptionReason) {

    public static final String COLUMNS = """
            id, merchant_id, warehouse_id, order_id, merchant_order_id, buyer_id, status, wave_id, merged_into,
            address_problem, expected_weight_grams, packed_weight_grams, weight_flagged, mismatch_count, carrier,
            tracking_number, created_at, picking_at, packing_at, ready_at, shipped_at, carrier_reason, currency,
            declared_value, shipping_cost, insured, insurance_premium, booked_at, tracking_status, last_event_at,
            delivered_at, signer, exception_reason""";

    public static ParcelRow of(Row row) {
        return new ParcelRow(row.getUUID("id"), row.getUUID("merchant_id"), row.getUUID("warehouse_id"),
                row.getUUID("order_id"), row.getUUID("merchant_order_id"), row.getString("buyer_id"),
                ParcelStatus.valueOf(row.getString("status")), row.getUUID("wave_id"), row.getUUID("merged_into"),
                row.getString("address_problem"), row.getLong("expected_weight_grams"),
                row.getLong("packed_weight_grams"), row.getBoolean("weight_flagged"), row.getInteger("mismatch_count"),
                row.getString("carrier"), row.getString("tracking_number"), instant(row, "created_at"),
                instant(row, "picking_at"), instant(row, "packing_at"), instant(row, "ready_at"),
                instant(row, "shipped_at"), row.getString("carrier_reason"), row.getString("currency"),
                row.getLong("declared_value"), row.getLong("shipping_cost"), row.getBoolean("insured"),
                row.getLong("insurance_premium"), instant(row, "booked_at"), row.getString("tracking_status"),
                instant(row, "last_event_at"), instant(row, "delivered_at"), row.getString("signer"),
                row.getString("exception_reason"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
