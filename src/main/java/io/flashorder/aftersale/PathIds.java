package io.flashorder.aftersale;

import java.util.UUID;

/** A malformed case id in a path names nothing: the same 404 as an unknown one. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID caseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AfterSaleService.notFound(id.length() > 64 ? id.substring(0, 64) + "..." : id);
        }
    }
}
