package io.flashorder.platform.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.flashorder.platform.RequestId;
import io.flashorder.platform.error.Problem;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Answers a problem document from a Vert.x route, before (or instead of) the REST layer. */
public final class EdgeProblems {

    private static final int MAX_ECHOED_PATH = 512;
    /** How long, and how many bytes, a refused request's rest is read and dropped before its connection closes. */
    private static final long LINGER_MILLIS = 2_000;
    private static final long LINGER_BYTES = 1024 * 1024;
    /** A request id no request has (a control character): it stands in the encoded documents of {@link #ENCODED}. */
    private static final String ID_PLACEHOLDER = "\u0001";
    /** The placeholder as the member the encoder writes: a quote in a text value is escaped, so this is the member. */
    private static final String ENCODED_PLACEHOLDER = "\"requestId\":\"\\u0001\"";
    private static final int MAX_ENCODED = 256;
    /** Each problem's JSON before and after its request id's value. */
    private static final Map<Problem, String[]> ENCODED = new ConcurrentHashMap<>();
    private static final JsonStringEncoder JSON_TEXT = JsonStringEncoder.getInstance();

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
                .end(encode(instance(problem, context.request().path()), response.headers().get(RequestId.HEADER)));
    }

    /**
     * The problem's JSON with {@code requestId} in it. Problems answered here repeat (every refusal of one sold-out
     * cart is the same document but for its request id), so each is encoded once, with a placeholder id, and only the
     * id is written per request; the document is the one {@code Json.encode} makes, member for member.
     */
    static String encode(Problem problem, String requestId) {
        if (requestId == null) {
            return Json.encode(problem);
        }
        String[] around = ENCODED.get(problem);
        if (around == null) {
            String json = Json.encode(problem.withRequestId(ID_PLACEHOLDER));
            int at = json.indexOf(ENCODED_PLACEHOLDER);
            if (at < 0) {
                return Json.encode(problem.withRequestId(requestId));
            }
            around = new String[] {json.substring(0, at), json.substring(at + ENCODED_PLACEHOLDER.length())};
            if (ENCODED.size() >= MAX_ENCODED) {
                ENCODED.clear(); // a crude bound: the problems answered here are a handful
            }
            ENCODED.put(problem, around);
        }
        return around[0] + "\"requestId\":\"" + String.valueOf(JSON_TEXT.quoteAsString(requestId)) + '"' + around[1];
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
