package io.flashorder.pricing.quote;

import java.util.Objects;

/**
 * The cart cannot be priced. Carries a stable {@link #code()} and the id of the offending item (a SKU,
 * coupon, campaign, merchant or tier id; null when the whole cart is at fault) so the HTTP layer can answer
 * a 4xx problem+json that names it.
 */
public final class PricingException extends RuntimeException {

    private final PricingError error;
    private final String subjectId;

    /** @param subject the offending item's id (a UUID) or tier name, or null for the whole cart */
    public PricingException(PricingError error, Object subject, String message) {
        super(message, null, false, false); // a business refusal: no stack trace to fill on the hot path
        this.error = Objects.requireNonNull(error, "error");
        this.subjectId = subject == null ? null : subject.toString();
    }

    public PricingError error() {
        return error;
    }

    public String code() {
        return error.code();
    }

    public String subjectId() {
        return subjectId;
    }
}
