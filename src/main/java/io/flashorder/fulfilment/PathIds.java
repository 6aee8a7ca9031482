package io.flashorder.fulfilment;

import io.flashorder.platform.error.ApiException;

import java.util.UUID;

/** A malformed id in a path names nothing: the same 404 as an unknown one. */
final class PathIds {

    private PathIds() {
    }

    static UUID parse(String id, String resource) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(resource, id.length() > 64 ? id.substring(0, 64) + "..." : id);
        }
    }
}
