package io.flashorder.platform.http;

import io.flashorder.platform.RequestId;
import io.flashorder.platform.error.Problem;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Answers a problem document from a Vert.x route, before (or instead of) the REST layer. */
public final class EdgeProblems {

    private static final int MAX_ECHOED_PATH = 512;
    /** How long, and how many bytes, a refused request's rest is read and dropped before its connection closes. */
    private static final long LINGER_MILLIS = 2_000;
    private static final long LINGER_BYTES = 1024 * 1024;

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
     * large or too slow) is never processed, so the connection cannot serve another request.
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
            response.endHandler(ignored -> closeAfterDrain(context));
        }
        send(context, problem);
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset(); // only this stream: the connection carries others
        }
    }

    /**
     * Closes the connection once the client has stopped sending (or after a bounded linger): closing a socket with
     * unread bytes makes the kernel reset the connection, and a reset can destroy the answer in the client's
     * buffer before the client reads it, so the client would see a dropped connection instead of the problem.
     */
    private static void closeAfterDrain(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long[] dropped = {0};
        long timer = context.vertx().setTimer(LINGER_MILLIS, id -> connection.close());
        Runnable close = () -> {
            context.vertx().cancelTimer(timer);
            connection.close();
        };
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                close.run();
            }
        });
        request.endHandler(ignored -> close.run());
        request.exceptionHandler(ignored -> close.run());
        request.resume();
    }
}
