package io.flashorder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.redis.datasource.stream.StreamMessage;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON payload of an entry of the order event streams for the consumers that look into it. The payload is
 * this service's own serialisation, so the duplicate-key check the one mapper makes on clients' JSON (StrictJson)
 * is left out: it keeps a hash set of the keys of every object read, about a third of what reading a payload
 * allocates, and each order's events are read by several consumers.
 */
@Singleton
public class EventPayloads {

    private final ObjectReader trees;

    public EventPayloads(ObjectMapper json) {
        // On a copy of the mapper: a reader's own setting does not reach the parsers the mapper's factory makes.
        this.trees = json.copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).reader();
    }

    public JsonNode read(String payload) throws JsonProcessingException {
        return trees.readTree(payload);
    }

    /** The entries of one read, each payload to be parsed at most once whichever members look into it. */
    public List<SharedEntry> entries(List<StreamMessage<String, String, String>> messages) {
        List<SharedEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> message : messages) {
            entries.add(new SharedEntry(message, this));
        }
        return entries;
    }
}
