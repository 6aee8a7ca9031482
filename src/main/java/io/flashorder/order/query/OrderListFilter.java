package io.flashorder.order.query;

import io.flashorder.order.OrderStatus;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.json.IsoInstants;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Filters of the order lists, parsed here so bad input is a 400 naming each field: {@code status} (one status),
 * and for merchants {@code from} (inclusive) / {@code to} (exclusive), ISO-8601 instants on the placement time.
 */
public record OrderListFilter(Optional<OrderStatus> status, Optional<Instant> from, Optional<Instant> to) {

    public static OrderListFilter parse(String status, String from, String to) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<OrderStatus> parsedStatus = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = Optional.of(OrderStatus.valueOf(status.strip()));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("status", "must be one of " + Arrays.toString(OrderStatus.values())));
            }
        }
        Optional<Instant> parsedFrom = instant("from", from, violations);
        Optional<Instant> parsedTo = instant("to", to, violations);
        if (parsedFrom.isPresent() && parsedTo.isPresent() && !parsedFrom.get().isBefore(parsedTo.get())) {
            violations.add(new FieldViolation("to", "must be after from"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The list filter is not valid", violations);
        }
        return new OrderListFilter(parsedStatus, parsedFrom, parsedTo);
    }

    private static Optional<Instant> instant(String field, String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IsoInstants.parse(value.strip()));
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be an ISO-8601 UTC instant such as 2026-05-01T00:00:00Z"));
            return Optional.empty();
        }
    }
}
