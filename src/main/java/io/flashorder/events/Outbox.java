package io.flashorder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the same transaction as the change it reports, so an event exists if and only if the change
 * committed. A relay publishes unpublished rows afterwards (at least once; consumers dedupe on the event id).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Appends one event; {@code merchantId} routes it to that merchant's webhook (null: platform-wide). */
    public Uni<UUID> append(SqlConnection tx, EventType type, UUID orderId, UUID merchantId, Object payload,
                            Instant at) {
        UUID id = Ids.newId();
        return tx.preparedQuery("""
                        INSERT INTO outbox_event (id, type, order_id, merchant_id, payload, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.from(new Object[] {id, type.name(), orderId, merchantId, new JsonObject(toJson(payload)),
                        at.atOffset(ZoneOffset.UTC)}))
                .replaceWith(id);
    }

    /** One event to append (see {@link #appendAll}). */
    public record Event(EventType type, UUID orderId, UUID merchantId, Object payload, Instant at) {
    }

    /** Appends many events in one statement (the order writer's batches). */
    public Uni<Void> appendAll(SqlConnection tx, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        UUID[] orders = new UUID[n];
        UUID[] merchants = new UUID[n];
        String[] payloads = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            ids[i] = Ids.newId();
            types[i] = event.type().name();
            orders[i] = event.orderId();
            merchants[i] = event.merchantId();
            payloads[i] = toJson(event.payload());
            times[i] = event.at().atOffset(ZoneOffset.UTC);
        }
        return tx.preparedQuery("""
                        INSERT INTO outbox_event (id, type, order_id, merchant_id, payload, created_at)
                        SELECT id, type, order_id, merchant_id, payload::jsonb, created_at
                        FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[])
                            AS u(id, type, order_id, merchant_id, payload, created_at)""")
                .execute(Tuple.of(ids, types, orders, merchants, payloads, times))
                .replaceWithVoid();
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload not serialisable: " + payload.getClass().getSimpleName(), e);
        }
    }
}
