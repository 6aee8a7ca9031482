package io.flashorder.events;

import io.flashorder.platform.redis.SlotTags;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Redis streams of events; keys carry the inventory partition tag like every other key. */
public final class EventStreams {

    /** Order events, published from the outbox by {@link OutboxRelayJob}. */
    public static final String ORDERS = "events:{p}:orders";
    /** LowStock entries of {@code {p}}, written by the reservation script itself (inventory passes it as a key). */
    public static final String STOCK = "events:{p}:stock";
    /**
     * The LowStock streams of every slot ({@link SlotTags}), {@link #STOCK} first: a reservation in a stock bucket's
     * slot writes to that slot's own stream (a script cannot write across slots).
     */
    public static final List<String> STOCK_STREAMS = SlotTags.ALL.stream().map(EventStreams::stock).toList();
    /**
     * The order events a merchant's webhook is to be told of, copied from {@link #ORDERS} under the same entry ids by
     * the shared group's webhook member (webhooks.WebhookForwarder): webhook delivery reads only these, not every
     * order event.
     */
    public static final String WEBHOOKS = "events:{p}:webhooks";
    /** Events whose webhook delivery gave up after the last attempt, with the last error. */
    public static final String WEBHOOK_DEAD_LETTER = "events:{p}:webhook-dead-letter";
    /** Events PostgreSQL refused to store in the analytics rollups (their data), with the reason. */
    public static final String ANALYTICS_DEAD_LETTER = "events:{p}:analytics-dead-letter";
    /**
     * The consumer group delivering events to merchants' webhooks, on {@link #WEBHOOKS} and the stock streams; on
     * {@link #ORDERS} it is a retired group (read there before {@link #WEBHOOKS}), drained once by {@link RetiredGroups}.
     */
    public static final String WEBHOOK_GROUP = "webhooks";
    /**
     * The consumer group of {@link #ORDERS} feeding every {@link SharedGroupMember} of the pod from one read: the
     * analytics rollups and the buyer notices ({@link SharedOrderEventsConsumer}).
     */
    public static final String ANALYTICS_NOTIFICATIONS_GROUP = "analytics-notifications";
    /** The group buyer notices were sent from on their own before; drained and destroyed by {@link RetiredGroups}. */
    public static final String RETIRED_NOTIFICATION_GROUP = "notifications";
    /** The group the analytics rollups were kept from on their own before; drained and destroyed likewise. */
    public static final String RETIRED_ANALYTICS_GROUP = "analytics";

    /** What the webhooks deliver (each read on its own: a multi-stream read would span slots on a cluster). */
    public static final List<String> DELIVERED = Stream.concat(Stream.of(WEBHOOKS), STOCK_STREAMS.stream()).toList();
    /** Every stream consumer groups read, trimmed once they all have an entry ({@link EventStreamTrimJob}). */
    public static final List<String> TRIMMED = Stream.concat(Stream.of(ORDERS), DELIVERED.stream()).toList();

    private EventStreams() {
    }

    /** The LowStock stream of the slot with this hash tag (braces included). */
    public static String stock(String slotTag) {
        return "events:" + slotTag + ":stock";
    }

    /** Orders two stream ids ("millis-sequence"; a missing sequence is 0) as Redis does. */
    public static int compareIds(String a, String b) {
        String[] left = a.split("-");
        String[] right = b.split("-");
        int byTime = Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
        return byTime != 0 ? byTime
                : Long.compare(Long.parseLong(left.length > 1 ? left[1] : "0"),
                        Long.parseLong(right.length > 1 ? right[1] : "0"));
    }

    public static boolean isStock(String stream) {
        return STOCK_STREAMS.contains(stream);
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
