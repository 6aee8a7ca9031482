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
import java.time.ZoneOffset;
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

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload not serialisable: " + payload.getClass().getSimpleName(), e);
        }
    }
}
