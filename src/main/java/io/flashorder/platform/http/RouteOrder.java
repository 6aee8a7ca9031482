package io.flashorder.platform.http;

/** The order of the Vert.x routes that run before the REST layer, in one place. */
public final class RouteOrder {

    /** Assigns the request id, so everything after (even a refusal at the edge) carries it. */
    public static final int REQUEST_ID = Integer.MIN_VALUE;
    /** Bounds and reads the body ({@link RequestGuard}). */
    public static final int GUARD = Integer.MIN_VALUE + 1;
    /** Answers known sold-out SKUs before the REST layer (needs the body the guard read). */
    public static final int SOLD_OUT_FAST_PATH = Integer.MIN_VALUE + 2;

    private RouteOrder() {
    }
}
