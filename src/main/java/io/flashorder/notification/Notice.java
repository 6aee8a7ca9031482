package io.flashorder.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One notice to a buyer, read from an event and its order: nothing personal in it but the encrypted phone, which is
 * decrypted only to send. {@code amount} is in minor units of {@code currency}; the other fields are set by kind
 * (deadline for a placed order, carrier and tracking for a shipment, status or reason otherwise).
 */
public record Notice(NoticeKind kind, UUID eventId, UUID orderId, String buyerId, String phoneEncrypted,
                     String currency, long amount, Instant deadline, String carrier, String trackingNumber,
                     String detail) {
}
