package io.flashorder.order;

/** How the buyer pays: online through a payment provider, or cash on delivery. */
public enum PaymentMethod {
    ONLINE,
    COD
}
