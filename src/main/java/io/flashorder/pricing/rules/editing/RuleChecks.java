package io.flashorder.pricing.rules.editing;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Cross-field checks Bean Validation cannot express; collects every violation, then refuses with one 400. */
public final class RuleChecks {

    private final List<FieldViolation> violations = new ArrayList<>();

    public RuleChecks window(Instant startsAt, Instant endsAt) {
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            add("endsAt", "must be after startsAt");
        }
        return this;
    }

    public RuleChecks currency(String field, String code) {
        if (code != null) {
            try {
                Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                add(field, "is not a known ISO 4217 currency");
            }
        }
        return this;
    }

    public RuleChecks require(boolean condition, String field, String message) {
        if (!condition) {
            add(field, message);
        }
        return this;
    }

    public RuleChecks add(String field, String message) {
        violations.add(new FieldViolation(field, message));
        return this;
    }

    public void orFail(String detail) {
        if (!violations.isEmpty()) {
            throw ApiException.invalid(detail, violations);
        }
    }
}
