package io.flashorder.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits enforced on every request before the REST layer sees it (see {@link RequestGuard}). */
@ConfigMapping(prefix = "flashorder.http")
public interface HttpEdgeConfig {

    /**
     * How long a client may take to send a request body once its headers arrived. A body still incomplete then
     * is answered 408 and the connection closed, so a client trickling bytes cannot hold a connection forever.
     */
    @WithDefault("10S")
    Duration bodyTimeout();

    /**
     * Longest request target (path and query) answered by the application: longer ones get a 414 problem. Netty's
     * own line limit (quarkus.http.limits.max-initial-line-length) is set higher so such requests reach this check;
     * beyond that limit Vert.x answers a bare 414 before any handler runs.
     */
    @WithDefault("4096")
    int maxUriLength();

    /**
     * Largest total of header names and values answered by the application: more gets a 431 problem. Netty's own
     * limit (quarkus.http.limits.max-header-size) is set higher so such requests reach this check.
     */
    @WithDefault("20480")
    int maxHeaderBytes();
}
