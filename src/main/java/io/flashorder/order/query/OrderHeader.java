package io.flashorder.order.query;

import io.flashorder.order.PaymentMethod;

import java.time.Instant;
import java.util.UUID;

/**
 * What a buyer notice needs of an order, read for a batch of events in one statement: the order's own columns and
 * its first merchant order (by id: the one whose order-wide events speak for the order). {@code phoneEncrypted} stays
 * encrypted until a text is sent.
 */
public record OrderHeader(UUID id, String buyerId, String phoneEncrypted, String currency, long payable,
                          PaymentMethod paymentMethod, Instant paymentDeadline, UUID firstMerchantOrderId) {
}
