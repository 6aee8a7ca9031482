package io.flashorder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.stream.StreamMessage;

import java.util.Map;

/**
 * An entry of one read of {@value EventStreams#ORDERS} as the {@link SharedGroupMember}s see it: its JSON payload is
 * parsed by the first member that asks and the others get the same tree, instead of each parsing it again. Members
 * only read the tree. The members of one read run on one thread, one after the other ({@link AllMembersHandler}).
 */
public final class SharedEntry {

    private final StreamMessage<String, String, String> message;
    private final EventPayloads payloads;
    private JsonNode payload;
    private JsonProcessingException unreadable;

    SharedEntry(StreamMessage<String, String, String> message, EventPayloads payloads) {
        this.message = message;
        this.payloads = payloads;
    }

    public StreamMessage<String, String, String> message() {
        return message;
    }

    /** The entry's fields (eventId, type, occurredAt, orderId, merchantId, payload). */
    public Map<String, String> fields() {
        return message.payload();
    }

    /** The payload's JSON, parsed once for every member; the same failure for each when it is not JSON. */
    public JsonNode payload() throws JsonProcessingException {
        if (payload == null && unreadable == null) {
            try {
                payload = payloads.read(fields().get("payload"));
            } catch (JsonProcessingException e) {
                unreadable = e;
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return payload;
    }
}
