package io.flashorder.aftersale;

import io.flashorder.order.OrderStatus;

import java.time.Instant;
import java.util.UUID;

/** What the after-sales rules need of a merchant order and its order, read under the order's row lock. */
public record MerchantOrderFacts(UUID id, UUID orderId, UUID merchantId, String buyerId, OrderStatus status,
                          long shippingFee, String currency, boolean cashOnDelivery, boolean stockSettled,
                          Instant shippedAt, Instant completedAt, Instant afterSalesClosesAt) {

    boolean shipped() {
        return shippedAt != null;
    }

    /** Where the merchant order goes back to when its last open case ends. */
    OrderStatus statusWithoutAfterSale() {
        if (completedAt != null) {
            return OrderStatus.COMPLETED;
        }
        return shippedAt != null ? OrderStatus.AWAITING_RECEIPT : OrderStatus.AWAITING_SHIPMENT;
    }
}
