package io.flashorder.checkout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.ReservationService;
import io.flashorder.platform.NoContextPropagation;
import io.flashorder.platform.http.EdgeProblems;
import io.flashorder.platform.http.RouteOrder;
import io.flashorder.risk.Fingerprints;
import io.flashorder.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.context.CleanAutoCloseable;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses orders for SKUs this pod knows are sold out before the request reaches the REST layer: once a flash
 * sale is over, nearly every request is such a refusal, and binding and validating each body would cost more than
 * the answer. Only an authenticated customer with a well-formed Idempotency-Key that placed nothing yet is answered
 * here; every other request (no or bad token, a key that placed an order, a body that is not one well-formed JSON
 * document, nothing known sold out) goes on to the REST endpoint unchanged. The body was read before this route by
 * {@link io.flashorder.platform.http.RequestGuard} (bounded in size and time), and the REST endpoint binds the
 * same buffer.
 */
@ApplicationScoped
public class SoldOutFastPath {

    private static final String ORDERS_PATH = "/api/v1/orders";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // The same duplicate-key rule as the REST layer's mapper: a body it will refuse is never answered here.
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final SoldOutRefusals soldOut;
    private final JWTParser tokens;
    private final Counter refusals;
    private final PlacementMetrics placements;
    private final ReservationService reservations;
    private final CatalogSnapshotService catalog;

    public SoldOutFastPath(SoldOutRefusals soldOut, JWTParser tokens, MeterRegistry meters,
                           PlacementMetrics placements, ReservationService reservations,
                           CatalogSnapshotService catalog) {
        this.catalog = catalog;
        this.reservations = reservations;
        this.soldOut = soldOut;
        this.tokens = tokens;
        this.refusals = meters.counter("flashorder_sold_out_fast_refusals");
        this.placements = placements;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, ORDERS_PATH).order(RouteOrder.SOLD_OUT_FAST_PATH).handler(this::refuseKnownSoldOut);
    }

    private void refuseKnownSoldOut(RoutingContext context) {
        // Cheapest first: an order this pod cannot refuse (the common case while stock lasts) costs no token check
        // here; the REST layer checks it anyway.
        if (!hasKeyAndBearer(context) || context.body() == null || context.body().buffer() == null) {
            context.next();
            return;
        }
        OrderedSkus ordered = OrderedSkus.read(context.body().buffer().getBytes());
        Map<UUID, Long> gone = ordered == null ? Map.of() : soldOut.knownSoldOut(ordered.skuIds(), ordered.campaignId());
        String customer = gone.isEmpty() ? null : customer(context);
        if (customer == null) {
            context.next();
            return;
        }
        // A retry of an order placed before the SKU sold out must get that order back, not a refusal: only a key that
        // placed nothing is refused here. When Redis cannot say, the REST path (and its script) decides.
        String keyDigest = Fingerprints.sha256(context.request().getHeader(IDEMPOTENCY_KEY));
        // In the buyer's slot: a bucketed order's key lives in its home bucket (StockRoute).
        OrderSlot slot = StockRoute.of(customer, ordered.campaignId(), ordered.skuIds(), catalog.current()).home();
        // Propagates nothing: this path runs before the REST layer and uses no request scope (capturing and restoring
        // CDI's request context around each callback was about a twentieth of a refusal's CPU in a flight recording).
        try (CleanAutoCloseable ignored = NoContextPropagation.enter()) {
            reservations.placedKey(slot, customer, keyDigest).subscribe().with(placed -> {
                if (placed.isPresent()) {
                    context.next();
                    return;
                }
                refusals.increment();
                placements.soldOutAtTheEdge(ordered.campaignId());
                EdgeProblems.send(context, soldOut.knownSoldOutProblem(gone));
            }, unknown -> context.next());
        }
    }

    /** Whether the request has a usable Idempotency-Key and a bearer token (not yet checked). */
    private static boolean hasKeyAndBearer(RoutingContext context) {
        String key = context.request().getHeader(IDEMPOTENCY_KEY);
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return key != null && !key.isBlank() && key.length() <= CheckoutService.MAX_IDEMPOTENCY_KEY_LENGTH
                && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The calling customer's user id when the bearer token is a customer's valid token; else null. */
    private String customer(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        try {
            JsonWebToken token = tokens.parse(authorization.substring(7).trim());
            return token.getGroups().contains(Roles.CUSTOMER) ? token.getName() : null;
        } catch (Exception invalidToken) {
            return null; // the REST layer answers it with a proper 401
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
