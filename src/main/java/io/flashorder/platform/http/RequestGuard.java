package io.flashorder.platform.http;

import io.flashorder.platform.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first handler of every request after {@link RequestIds}: refuses a request target longer than {@code flashorder.http.max-uri-length}
 * (414), headers larger than {@code flashorder.http.max-header-bytes} (431) and a body declared larger than
 * {@code quarkus.http.limits.max-body-size} (413), then reads any body into
 * memory itself, within that size and within {@code flashorder.http.body-timeout} (a chunked body that grows too
 * large gets 413, one that trickles 408; both close the connection). Every answer is a problem document, and the
 * REST layer (and the sold-out fast path) find the body already read, so no request can wait on its body forever.
 */
@ApplicationScoped
public class RequestGuard {

    private final Vertx vertx;
    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final int maxUriLength;
    private final int maxHeaderBytes;

    public RequestGuard(Vertx vertx, HttpEdgeConfig config,
                        @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.vertx = vertx;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.bodyTimeoutMillis = config.bodyTimeout().toMillis();
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderBytes = config.maxHeaderBytes();
    }

    void install(@Observes Router router) {
        router.route().order(RouteOrder.GUARD).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUriLength) {
            EdgeProblems.send(context, Problem.of(414, "uri-too-long", "URI too long",
                    "The request target is longer than " + maxUriLength + " characters"));
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            EdgeProblems.send(context, Problem.of(431, "headers-too-large", "Request header fields too large",
                    "The request headers are larger than " + maxHeaderBytes + " bytes"));
            return;
        }
        long declared = declaredLength(request);
        if (declared > maxBodyBytes) {
            EdgeProblems.sendAndClose(context, tooLarge());
            return;
        }
        boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if ((declared <= 0 && !chunked) || request.isEnded()) {
            context.next(); // no body to wait for
            return;
        }
        new BodyRead(context, declared).start();
    }

    private Problem tooLarge() {
        return Problem.of(413, "payload-too-large", "Payload too large",
                "The request body exceeds " + maxBodyBytes + " bytes");
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (var header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length();
        }
        return bytes;
    }

    /** The Content-Length, or -1 when none (or an unreadable one, which Netty refuses anyway). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One body being read; exactly one of next, 408, 413 or fail happens. */
    private final class BodyRead {

        private final RoutingContext context;
        private final Buffer body;
        private long timer;
        private boolean finished;

        BodyRead(RoutingContext context, long declared) {
            this.context = context;
            this.body = Buffer.buffer((int) Math.min(Math.max(declared, 256), maxBodyBytes));
        }

        void start() {
            HttpServerRequest request = context.request();
            String expect = request.getHeader(HttpHeaders.EXPECT);
            if (expect != null) {
                if (!expect.equalsIgnoreCase("100-continue")) {
                    finished = true;
                    EdgeProblems.sendAndClose(context, Problem.of(417, "expectation-failed", "Expectation failed",
                            "Only Expect: 100-continue is supported"));
                    return;
                }
                if (request.version() == HttpVersion.HTTP_1_1) {
                    context.response().writeContinue(); // the client waits for it before it sends the body
                }
            }
            timer = vertx.setTimer(bodyTimeoutMillis, id -> refuse(Problem.of(408, "request-timeout",
                    "Request timeout", "The request body did not arrive within " + bodyTimeoutMillis + " ms")));
            request.handler(chunk -> {
                if (finished) {
                    return;
                }
                if (body.length() + chunk.length() > maxBodyBytes) {
                    refuse(tooLarge());
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(failure -> {
                if (finish()) {
                    context.fail(400, failure);
                }
            });
            request.endHandler(ignored -> {
                if (finish()) {
                    // What Vert.x's own BodyHandler does: the REST layer then reads this buffer, not the request.
                    ((RoutingContextInternal) context).setBody(body);
                    context.next();
                }
            });
            request.resume();
        }

        private void refuse(Problem problem) {
            if (finish()) {
                EdgeProblems.sendAndClose(context, problem);
            }
        }

        private boolean finish() {
            if (finished) {
                return false;
            }
            finished = true;
            vertx.cancelTimer(timer);
            return true;
        }
    }
}
