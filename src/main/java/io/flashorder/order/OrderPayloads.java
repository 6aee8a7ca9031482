package io.flashorder.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.flashorder.platform.json.IsoInstantDeserializer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Reads and writes the JSON that travels with an accepted order: the {@link PlacedOrder} payload (stream entry and
 * hold record) and its allocation array, plus the small JSON columns of the order tables.
 */
@Singleton
public class OrderPayloads {

    private static final TypeReference<List<PlacedOrder.Rule>> RULES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    /**
     * Reads a payload as this service once wrote it, whatever its text: an entry accepted before the edge refused
     * unstorable text (U+0000...) must still be read, so that PostgreSQL's refusal cancels it and gives its stock back
     * ({@link io.flashorder.order.lifecycle.RefusedOrders}) instead of stranding it as unreadable.
     */
    private final ObjectReader writtenOrders;
    private final ObjectReader allocationArrays;

    public OrderPayloads(ObjectMapper json) {
        this.json = json;
        // Both skip the duplicate-key check of clients' JSON (StrictJson), on a copy of the mapper (a reader's own
        // setting does not reach the parsers the mapper's factory makes): the text is this service's own, and the
        // check keeps a hash set per object read, a third of what reading a payload allocates. Instants are read by
        // IsoInstantDeserializer, which reads the form the service writes without a formatter.
        ObjectMapper written = json.copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new SimpleModule("any-written-text")
                        .addDeserializer(String.class, StringDeserializer.instance)
                        .addDeserializer(Instant.class, new IsoInstantDeserializer()));
        this.writtenOrders = written.readerFor(PlacedOrder.class);
        this.allocationArrays = written.readerFor(Allocation[].class);
    }

    public PlacedOrder order(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new MalformedOrderException("the payload is missing");
        }
        try {
            return writtenOrders.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedOrderException("the payload is not a PlacedOrder: " + e.getOriginalMessage());
        }
    }

    /**
     * The allocation array. The reservation script encodes it with Lua's cjson, which cannot tell an empty table
     * from an empty object, so an order without allocations may arrive as {@code {}}.
     */
    public List<Allocation> allocations(String allocation) {
        if (allocation == null || allocation.isBlank()) {
            throw new MalformedOrderException("the allocation is missing");
        }
        try {
            if (allocation.strip().startsWith("{")) {
                JsonNode node = json.readTree(allocation);
                if (node.isObject() && node.isEmpty()) {
                    return List.of();
                }
                throw new MalformedOrderException("the allocation is not a JSON array");
            }
            // Bound straight to an array (no tree first): the writer and checkout read one per order.
            Allocation[] allocations = allocationArrays.readValue(allocation);
            if (allocations == null || Arrays.asList(allocations).contains(null)) {
                throw new MalformedOrderException("the allocation is not a JSON array of allocations");
            }
            return List.of(allocations);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedOrderException("the allocation is not readable: " + e.getMessage());
        }
    }

    public List<PlacedOrder.Rule> rules(String rules) {
        return read(rules, RULES);
    }

    public List<String> strings(String strings) {
        return read(strings, STRINGS);
    }

    public String write(Object value) {
        if (value instanceof Collection<?> values && values.isEmpty()) {
            return "[]"; // most orders' coupons, rules and line discounts: no generator per column and row
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return List.of();
        }
        try {
            List<T> values = json.readValue(text, type);
            return values == null ? List.of() : values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order JSON is not readable", e);
        }
    }
}
