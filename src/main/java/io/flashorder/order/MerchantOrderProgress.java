package io.flashorder.order;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Where one merchant order stands after payment: its own status (merchant orders of one order move apart once
 * they ship), the parcel, when receipt is confirmed automatically, and its after-sales window, open while the
 * clock is before {@code afterSalesClosesAt}.
 */
public record MerchantOrderProgress(OrderStatus status, Shipment shipment, Instant autoConfirmAt, Instant completedAt,
                                    Instant afterSalesClosesAt, boolean afterSalesOpen) {

    public record Shipment(String carrier, String trackingNumber, Instant shippedAt) {
    }

    /** From a row with status, shipped_at, auto_confirm_at, completed_at, after_sales_closes_at, carrier, tracking_number. */
    public static MerchantOrderProgress read(Row row, Instant now) {
        Instant shippedAt = instant(row.getOffsetDateTime("shipped_at"));
        String carrier = row.getString("carrier");
        Instant closesAt = instant(row.getOffsetDateTime("after_sales_closes_at"));
        return new MerchantOrderProgress(OrderStatus.valueOf(row.getString("status")),
                carrier == null ? null : new Shipment(carrier, row.getString("tracking_number"), shippedAt),
                instant(row.getOffsetDateTime("auto_confirm_at")), instant(row.getOffsetDateTime("completed_at")),
                closesAt, closesAt != null && now.isBefore(closesAt));
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
