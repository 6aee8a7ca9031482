package io.flashorder.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventType;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An event read from one of the streams, ready to deliver: its stable id (the outbox row id for order events;
 * {@code stock-[<slot>-]<stream entry id>} for LowStock), its type, the merchant it is for, and the JSON body
 * {@code {"id","type","occurredAt","orderId","merchantId","data"}}.
 */
record DeliverableEvent(String id, String type, Optional<UUID> merchantId, String body) {

    /** The merchant an entry is for, read without building the event (most merchants have no webhook). */
    static Optional<UUID> merchantOf(String stream, String entryId, Map<String, String> fields, CatalogSnapshot catalog) {
        try {
            return EventStreams.isStock(stream)
                    ? catalog.sku(UUID.fromString(fields.get("skuId"))).map(CatalogSnapshot.SkuInfo::merchantId)
                    : Optional.ofNullable(fields.get("merchantId")).map(UUID::fromString);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unreadable event " + entryId + " on " + stream + ": " + e, e);
        }
    }

    /**
     * {@code stock-<entry id>} for {@code {p}}'s stream (as before buckets); {@code stock-<slot>-<entry id>} for a
     * bucket slot's (e.g. {@code stock-p13-1700000000000-0}): two slots' streams may give the same entry id.
     */
    static String stockEventId(String stream, String entryId) {
        if (EventStreams.STOCK.equals(stream)) {
            return "stock-" + entryId;
        }
        String tag = stream.substring(stream.indexOf('{') + 1, stream.indexOf('}'));
        return "stock-" + tag + "-" + entryId;
    }

    static DeliverableEvent of(String stream, String entryId, Map<String, String> fields, CatalogSnapshot catalog,
                               ObjectMapper json) {
        ObjectNode envelope = json.createObjectNode();
        try {
            if (EventStreams.isStock(stream)) {
                UUID sku = UUID.fromString(fields.get("skuId"));
                Optional<UUID> merchant = merchantOf(stream, entryId, fields, catalog);
                String id = stockEventId(stream, entryId);
                envelope.put("id", id).put("type", EventType.LOW_STOCK.name())
                        .put("occurredAt", Instant.ofEpochMilli(Long.parseLong(entryId.split("-")[0])).toString());
                merchant.ifPresent(m -> envelope.put("merchantId", m.toString()));
                envelope.putObject("data").put("skuId", sku.toString())
                        .put("remaining", Long.parseLong(fields.get("remaining")))
                        .put("threshold", Long.parseLong(fields.get("threshold")));
                return new DeliverableEvent(id, EventType.LOW_STOCK.name(), merchant, json.writeValueAsString(envelope));
            }
            String id = fields.get("eventId");
            envelope.put("id", id).put("type", fields.get("type")).put("occurredAt", fields.get("occurredAt"));
            if (fields.get("orderId") != null) {
                envelope.put("orderId", fields.get("orderId"));
            }
            Optional<UUID> merchant = merchantOf(stream, entryId, fields, catalog);
            merchant.ifPresent(m -> envelope.put("merchantId", m.toString()));
            envelope.set("data", json.readTree(fields.get("payload")));
            return new DeliverableEvent(id, fields.get("type"), merchant, json.writeValueAsString(envelope));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable event " + entryId + " on " + stream + ": " + e, e);
        }
    }
}
