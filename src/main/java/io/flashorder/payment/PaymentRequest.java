package io.flashorder.payment;

import jakarta.validation.constraints.Pattern;

/** Optional body of POST /api/v1/orders/{id}/payments: the provider to pay with (default: sandbox). */
public record PaymentRequest(@Pattern(regexp = "[a-z0-9-]{1,32}", message = "must be a provider name") String provider) {
}
