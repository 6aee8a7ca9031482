package io.flashorder.fulfilment;

import io.flashorder.order.OrderStatus;

import java.util.UUID;

/** A merchant order as the fulfilment steps need it: whose it is, which order it belongs to, where it stands. */
record MerchantOrderRef(UUID id, UUID orderId, UUID merchantId, String buyerId, OrderStatus status,
                        OrderStatus orderStatus) {
}
