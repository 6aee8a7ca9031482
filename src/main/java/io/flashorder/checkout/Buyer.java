package io.flashorder.checkout;

/** The authenticated customer placing an order, and the member tier their token carries (or null). */
public record Buyer(String userId, String memberTier) {
}
