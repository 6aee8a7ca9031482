package io.flashorder.notification;

/** How a notice reaches the buyer. */
public enum Channel {
    EMAIL,
    SMS
}
