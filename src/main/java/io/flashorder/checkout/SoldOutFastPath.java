package io.flashorder.checkout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.flashorder.platform.http.EdgeProblems;
import io.flashorder.platform.http.RouteOrder;
import io.flashorder.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses orders for SKUs this pod knows are sold out before the request reaches the REST layer: once a flash
 * sale is over, nearly every request is such a refusal, and binding and validating each body would cost more than
 * the answer. Only an authenticated customer with a well-formed Idempotency-Key is answered here; every other
 * request (no or bad token, a body that is not one well-formed JSON document, nothing known sold out) goes on to
 * the REST endpoint unchanged. The body was read before this route by
 * {@link io.flashorder.platform.http.RequestGuard} (bounded in size and time), and the REST endpoint binds the
 * same buffer.
 */
@ApplicationScoped
public class SoldOutFastPath {

    private static final String ORDERS_PATH = "/api/v1/orders";
    // The same duplicate-key rule as the REST layer's mapper: a body it will refuse is never answered here.
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SoldOutRefusals soldOut;
    private final JWTParser tokens;
    private final Counter refusals;
    private final PlacementMetrics placements;

    public SoldOutFastPath(SoldOutRefusals soldOut, JWTParser tokens, MeterRegistry meters,
                           PlacementMetrics placements) {
        this.soldOut = soldOut;
        this.tokens = tokens;
        this.refusals = meters.counter("flashorder_sold_out_fast_refusals");
        this.placements = placements;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, ORDERS_PATH).order(RouteOrder.SOLD_OUT_FAST_PATH).handler(this::refuseKnownSoldOut);
    }

    private void refuseKnownSoldOut(RoutingContext context) {
        if (!isCustomerWithKey(context) || context.body() == null || context.body().buffer() == null) {
            context.next();
            return;
        }
        OrderedSkus ordered = OrderedSkus.read(context.body().buffer().getBytes());
        Map<UUID, Long> gone = ordered == null ? Map.of() : soldOut.knownSoldOut(ordered.skuIds(), ordered.campaignId());
        if (gone.isEmpty()) {
            context.next();
            return;
        }
        refusals.increment();
        placements.soldOutAtTheEdge();
        EdgeProblems.send(context, SoldOutRefusals.problem(gone).problem());
    }

    private boolean isCustomerWithKey(RoutingContext context) {
        String key = context.request().getHeader("Idempotency-Key");
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (key == null || key.isBlank() || key.length() > CheckoutService.MAX_IDEMPOTENCY_KEY_LENGTH
                || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        try {
            return tokens.parse(authorization.substring(7).trim()).getGroups().contains(Roles.CUSTOMER);
        } catch (Exception invalidToken) {
            return false; // the REST layer answers it with a proper 401
        }
    }

    /**
     * The SKU ids and campaign id of an order body, read with a streaming parser (no binding); null unless the body
     * is exactly one JSON object with each key once.
     */
    record OrderedSkus(List<UUID> skuIds, UUID campaignId) {

        static OrderedSkus read(byte[] body) {
            List<UUID> skus = new ArrayList<>();
            UUID campaign = null;
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                int depth = 1;
                JsonToken token;
                while (depth > 0 && (token = parser.nextToken()) != null) {
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                        depth--;
                    } else if (token == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            depth++;
                        } else if (value == JsonToken.VALUE_STRING && "skuId".equals(field) && depth == 3) {
                            skus.add(UUID.fromString(parser.getText()));
                        } else if (value == JsonToken.VALUE_STRING && "campaignId".equals(field) && depth == 1) {
                            campaign = UUID.fromString(parser.getText());
                        }
                    }
                }
                if (depth > 0 || parser.nextToken() != null) {
                    return null; // truncated, or something follows the document
                }
                return new OrderedSkus(skus, campaign);
            } catch (IOException | IllegalArgumentException unreadable) {
                return null; // the REST layer answers it with a proper 400
            }
        }
    }
}
