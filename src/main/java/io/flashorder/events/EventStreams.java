package io.flashorder.events;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Redis streams of events; keys carry the inventory partition tag like every other key. */
public final class EventStreams {

    /** Order events, published from the outbox by {@link OutboxRelayJob}. */
    public static final String ORDERS = "events:{p}:orders";
    /** LowStock entries, written by the reservation script itself (inventory passes it as a key). */
    public static final String STOCK = "events:{p}:stock";
    /** Events whose webhook delivery gave up after the last attempt, with the last error. */
    public static final String WEBHOOK_DEAD_LETTER = "events:{p}:webhook-dead-letter";
    /** Events PostgreSQL refused to store in the analytics rollups (their data), with the reason. */
    public static final String ANALYTICS_DEAD_LETTER = "events:{p}:analytics-dead-letter";
    /** The consumer group delivering events to merchants' webhooks. */
    public static final String WEBHOOK_GROUP = "webhooks";
    /** The consumer group sending buyer notices (io.flashorder.notification) from {@link #ORDERS}. */
    public static final String NOTIFICATION_GROUP = "notifications";
    /** The consumer group keeping the analytics rollups (io.flashorder.analytics) from {@link #ORDERS}. */
    public static final String ANALYTICS_GROUP = "analytics";

    public static final List<String> DELIVERED = List.of(ORDERS, STOCK);

    private EventStreams() {
    }

    /**
     * The XADD of one event to {@link #ORDERS}, as every consumer reads it: its id (receivers dedupe on it), type,
     * time, order and merchant (either may be null), and JSON payload.
     */
    public static Request orderEvent(UUID eventId, String type, Instant occurredAt, UUID orderId, UUID merchantId,
                                     String payload) {
        Request xadd = Request.cmd(Command.XADD).arg(ORDERS).arg("*")
                .arg("eventId").arg(eventId.toString())
                .arg("type").arg(type)
                .arg("occurredAt").arg(occurredAt.toString());
        if (orderId != null) {
            xadd.arg("orderId").arg(orderId.toString());
        }
        if (merchantId != null) {
            xadd.arg("merchantId").arg(merchantId.toString());
        }
        return xadd.arg("payload").arg(payload);
    }
}
