package io.flashorder.platform.http;

import io.flashorder.platform.error.Problem;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Failures raised in Vert.x routes, outside the REST layer's exception mappers (a body that could not be read, a
 * handler that failed), are answered with a problem document too, never the framework's default page. 5xx are
 * logged, and say nothing of the cause to the client.
 */
@ApplicationScoped
public class ProblemFailureHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            context.next(); // too late to answer; the framework closes what it must
            return;
        }
        Throwable failure = context.failure();
        int status = context.statusCode() > 0 ? context.statusCode()
                : failure instanceof HttpException http ? http.getStatusCode() : 500;
        if (status >= 500) {
            Log.errorf(failure, "Request %s %s failed", context.request().method(), context.request().path());
            EdgeProblems.send(context, Problem.of(500, "internal-error", "Internal error",
                    "The request could not be completed"));
            return;
        }
        EdgeProblems.send(context, Problem.of(status, codeOf(status), titleOf(status), detailOf(status)));
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "resource-not-found";
            case 405 -> "method-not-allowed";
            case 408 -> "request-timeout";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 417 -> "expectation-failed";
            case 431 -> "headers-too-large";
            default -> "bad-request";
        };
    }

    private static String titleOf(int status) {
        return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 413 -> "The request body is too large";
            case 408 -> "The request was not received in time";
            default -> "The request could not be processed (" + status + ")";
        };
    }
}
