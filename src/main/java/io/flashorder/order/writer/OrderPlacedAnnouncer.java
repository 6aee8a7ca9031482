package io.flashorder.order.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventType;
import io.flashorder.order.PlacedOrder;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OrderPlaced events (one per merchant order) go straight to the order event stream once PostgreSQL has the order,
 * not through the outbox: the writer adds them after its commit and before it acknowledges the batch, so a crash in
 * between repeats them, never loses them. Their event id derives from the merchant order id
 * ({@link OrderPlacedEvent#eventId}), so a repeated one carries the same id and receivers dedupe it as they do any
 * event.
 */
@ApplicationScoped
public class OrderPlacedAnnouncer {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    public OrderPlacedAnnouncer(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** The XADDs announcing these orders, for the caller to send with its own commands. */
    public List<Request> events(List<PersistableOrder> orders, Instant at) {
        List<Request> events = new ArrayList<>();
        for (PersistableOrder persistable : orders) {
            PlacedOrder order = persistable.order();
            for (PlacedOrder.MerchantPart part : order.merchantOrders()) {
                events.add(EventStreams.orderEvent(OrderPlacedEvent.eventId(part.id()), EventType.ORDER_PLACED.name(),
                        at, order.id(), part.merchantId(), toJson(OrderPlacedEvent.of(persistable, part))));
            }
        }
        return events;
    }

    /**
     * Announces an order written outside the writer (a payment that came first): before the payment's own events.
     * A failure is only logged: the writer announces the order again when it reaches its stream entry.
     */
    public Uni<Void> announce(PersistableOrder order, Instant at) {
        return redis.getRedis().batch(events(List.of(order), at)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Order %s: OrderPlaced not announced yet (%s); the writer announces it", order.order().id(),
                            failure.toString());
                    return null;
                });
    }

    private String toJson(OrderPlacedEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("OrderPlaced event not serialisable", e);
        }
    }
}
