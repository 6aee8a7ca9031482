package io.flashorder.platform;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/** The one way to answer "created": 201 with the new resource and its Location. */
public final class Responses {

    private Responses() {
    }

    public static <T> RestResponse<T> created(UriInfo uri, UUID id, T entity) {
        // The id appended as text: a UriBuilder parses and re-encodes the whole URI again, on every placed order.
        String path = uri.getAbsolutePath().toString();
        URI location = URI.create(path.endsWith("/") ? path + id : path + "/" + id);
        return RestResponse.ResponseBuilder.<T>created(location).entity(entity).build();
    }

    /** The same for a resource the request's own path names (one per parent, e.g. a merchant order's rating). */
    public static <T> RestResponse<T> created(UriInfo uri, T entity) {
        return RestResponse.ResponseBuilder.<T>created(uri.getAbsolutePath()).entity(entity).build();
    }
}
