package io.flashorder.platform.http;

import io.flashorder.platform.error.ApiException;

import java.util.UUID;

/**
 * A path id an endpoint takes as text: a malformed one names nothing, so it is the same 404 ({@code <resource>-not-found})
 * as an unknown one. Endpoints whose 404 may be the generic {@code resource-not-found} take {@code @RestPath UUID}.
 */
public final class PathIds {

    private PathIds() {
    }

    public static UUID parse(String id, String resource) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(resource, id.length() > 64 ? id.substring(0, 64) + "..." : id);
        }
    }
}
