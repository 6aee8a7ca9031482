package io.flashorder.platform.http;

import io.flashorder.platform.RequestId;
import io.flashorder.platform.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Answers a problem document from a Vert.x route, before (or instead of) the REST layer. */
public final class EdgeProblems {

    private static final int MAX_ECHOED_PATH = 512;

    private EdgeProblems() {
    }

    /** Sends {@code problem}, unless an answer has already begun. */
    public static void send(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(instance(problem, context.request().path())
                        .withRequestId(response.headers().get(RequestId.HEADER))));
    }

    /** The request path as the problem's instance, unless the path itself is what is wrong (too long to echo). */
    private static Problem instance(Problem problem, String path) {
        return path == null || path.length() > MAX_ECHOED_PATH ? problem : problem.withInstance(path);
    }

    /**
     * Sends {@code problem} and closes the connection once it is written: the rest of the request (a body too
     * large or too slow) is never read, so the connection cannot serve another request.
     */
    public static void sendAndClose(RoutingContext context, Problem problem) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            request.connection().close();
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ignored -> request.connection().close());
        }
        send(context, problem);
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset(); // only this stream: the connection carries others
        }
    }
}
