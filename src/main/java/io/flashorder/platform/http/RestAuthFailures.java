package io.flashorder.platform.http;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authentication failures are the REST layer's to answer (authentication is lazy here,
 * {@code quarkus.http.auth.proactive=false}), so the default authentication-failure handler Quarkus gives every request
 * is taken off before Quarkus REST's filter that follows authentication sees it.
 * <p>
 * With HTTP metrics on, that filter (Quarkus REST 3.34) swaps the default handler for one that fails the request and,
 * so that a 401/403 refused before the REST layer is counted under its URI template, matches the path to its template
 * at once: it builds a new request mapper over every resource class, on every request, whether or not its
 * authentication ever fails (about 5 % of the service's CPU per order, trivial requests too). The REST layer removes
 * that handler again as it starts, and nothing before it authenticates a request here (no path-based permissions;
 * {@code SoldOutFastPath} verifies the tokens it reads itself): handler and template serve no request. Failures in the
 * REST layer keep their template (its own observability handler sets it). Should HTTP permission policies be
 * configured one day, their denials are still answered (the authorizer fails the request itself), counted under the
 * raw path.
 */
@ApplicationScoped
public class RestAuthFailures {

    private final boolean proactiveAuthentication;

    public RestAuthFailures(@ConfigProperty(name = "quarkus.http.auth.proactive", defaultValue = "true")
                            boolean proactiveAuthentication) {
        this.proactiveAuthentication = proactiveAuthentication;
    }

    void install(@Observes Router router) {
        if (!proactiveAuthentication) { // proactive authentication fails before the REST layer: keep Quarkus' handling
            router.route().order(RouteOrder.AUTH_FAILURE_HANDLER).handler(RestAuthFailures::removeDefaultHandler);
        }
    }

    private static void removeDefaultHandler(RoutingContext context) {
        if (context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
            context.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        }
        context.next();
    }
}
