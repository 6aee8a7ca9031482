package io.flashorder.platform.http;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;

/** The order of the Vert.x routes that run before the REST layer, in one place. */
public final class RouteOrder {

    /** Assigns the request id, so everything after (even a refusal at the edge) carries it. */
    public static final int REQUEST_ID = Integer.MIN_VALUE;
    /** Bounds and reads the body ({@link RequestGuard}). */
    public static final int GUARD = Integer.MIN_VALUE + 1;
    /** Answers known sold-out SKUs before the REST layer (needs the body the guard read). */
    public static final int SOLD_OUT_FAST_PATH = Integer.MIN_VALUE + 2;

    /**
     * Right after authentication (Quarkus' filter of priority {@code SecurityHandlerPriorities.AUTHENTICATION}, route
     * order -200) and in the same order as Quarkus REST's own filter that follows it (priority 199): a route added
     * when the {@code Router} event fires is inserted before the build-time filters, so of two routes with this
     * order it runs first ({@link RestAuthFailures}).
     */
    public static final int AUTH_FAILURE_HANDLER = -(SecurityHandlerPriorities.AUTHENTICATION - 1);

    private RouteOrder() {
    }
}
