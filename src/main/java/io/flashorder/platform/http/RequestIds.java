package io.flashorder.platform.http;

import io.flashorder.platform.Ids;
import io.flashorder.platform.RequestId;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The very first handler of every request: takes the caller's {@code X-Request-Id} (1-128 letters, digits and
 * {@code . _ : -}; anything else is replaced, so a header can never forge a log line) or makes one, answers it in the
 * same header, and makes it the request's {@link RequestId}: in every log line of the request (a field of prod's JSON
 * logs) and in every problem document ({@code requestId}), so a client's complaint leads to the log lines.
 */
@ApplicationScoped
public class RequestIds {

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(RouteOrder.REQUEST_ID).handler(this::assign);
    }

    private void assign(RoutingContext context) {
        String given = context.request().getHeader(RequestId.HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : Ids.newId().toString();
        RequestId.set(id);
        context.response().putHeader(RequestId.HEADER, id);
        context.next();
    }
}
