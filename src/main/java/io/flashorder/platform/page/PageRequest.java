package io.flashorder.platform.page;

import io.flashorder.platform.error.ApiException;

import java.util.Optional;
import java.util.UUID;

/** What a client asked of a list: how many rows, after which one. Parsed here so bad input gets a clear 400. */
public record PageRequest(int limit, Optional<UUID> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest parse(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("limit", "must be a whole number between 1 and " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        Optional<UUID> after = cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(Cursor.decode(cursor));
        return new PageRequest(size, after);
    }

    /** The nil UUID sorts first in PostgreSQL (bytewise), so "id > after" also works for the first page. */
    public UUID afterOrStart() {
        return after.orElse(new UUID(0L, 0L));
    }

    /** Rows to fetch: one more than shown, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
