package io.flashorder.platform.http;

import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused for their token are answered 401/403 by the REST layer and counted under their URI template (not
 * one series per raw path), while no request pays for matching its template before the REST layer: no
 * authentication-failure handler reaches Quarkus REST's filter ({@link RestAuthFailures}), which would otherwise
 * build a request mapper for it on every request.
 */
@QuarkusTest
class AuthFailureMetricsTest {

    private static final String PROBE = "X-Auth-Failure-Handler-Probe";

    @Inject
    HandlerProbe probe;

    @Test
    void refusedTokensAreCountedUnderTheUriTemplate() {
        String orderId = UUID.randomUUID().toString();
        String valid = Tokens.customer("buyer-" + UUID.randomUUID());
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        given().header("Authorization", Tokens.bearer(forged)).get("/api/v1/orders/" + orderId + "/history")
                .then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/orders/" + orderId + "/history")
                .then().statusCode(403);
        given().get("/api/v1/orders/" + orderId + "/history").then().statusCode(401);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(orderId);
        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("uri=\"/api/v1/orders/{id}/history\"")))
                .anySatisfy(line -> assertThat(line).contains("status=\"401\""))
                .anySatisfy(line -> assertThat(line).contains("status=\"403\""));
    }

    @Test
    void noRequestCarriesAnAuthFailureHandlerPastAuthentication() {
        String probeId = UUID.randomUUID().toString();
        given().header(PROBE, probeId).get("/api/v1/ping").then().statusCode(200);
        given().header(PROBE, probeId + "-order").header("Authorization", Tokens.bearer(Tokens.customer("buyer-probe")))
                .get("/api/v1/orders/" + UUID.randomUUID()).then().statusCode(404);

        assertThat(probe.seen).containsEntry(probeId, "none").containsEntry(probeId + "-order", "none");
    }

    /** Notes, for requests carrying the probe header, the failure handler Quarkus REST's filter will see. */
    @Singleton // no client proxy: the test reads the field
    static class HandlerProbe {

        final Map<String, String> seen = new ConcurrentHashMap<>();

        void install(@Observes Router router) {
            router.route().order(RouteOrder.AUTH_FAILURE_HANDLER + 1).handler(this::note);
        }

        private void note(RoutingContext context) {
            String id = context.request().getHeader(PROBE);
            if (id != null) {
                Object handler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
                seen.put(id, handler == null ? "none" : handler.getClass().getName());
            }
            context.next();
        }
    }
}
