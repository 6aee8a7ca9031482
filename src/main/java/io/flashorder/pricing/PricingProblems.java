package io.flashorder.pricing;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.flashorder.pricing.quote.PricingException;

import java.util.Map;

/**
 * Turns an engine refusal into its problem+json: {@code code} is the
 * {@link io.flashorder.pricing.quote.PricingError} code, the offending id is named in the detail and in the
 * {@code subject} member. A coupon another order holds or has used is a 409
 * (the state of a resource conflicts); every other refusal is a 422 (the cart cannot be priced as sent).
 */
public final class PricingProblems {

    private PricingProblems() {
    }

    public static ApiException of(PricingException e) {
        int status = switch (e.error()) {
            case COUPON_LOCKED, COUPON_USED -> 409;
            default -> 422;
        };
        String detail = e.subjectId() == null ? e.getMessage() : e.getMessage() + " (" + e.subjectId() + ")";
        Problem problem = Problem.of(status, e.code(), status == 409 ? "Conflict" : "Cart cannot be priced", detail);
        return new ApiException(e.subjectId() == null ? problem
                : problem.withExtensions(Map.of("subject", e.subjectId())));
    }
}
