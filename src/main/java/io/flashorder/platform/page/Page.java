package io.flashorder.platform.page;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /**
     * Builds a page from a query that fetched one row more than asked: that extra row only tells that a next page
     * exists, and the cursor points after the last row returned.
     */
    public static <E, T> Page<T> of(List<E> rows, PageRequest request, Function<E, UUID> idOf, Function<E, T> view) {
        boolean more = rows.size() > request.limit();
        List<E> shown = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? Cursor.encode(idOf.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
