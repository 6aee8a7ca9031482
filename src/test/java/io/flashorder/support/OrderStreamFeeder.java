package io.flashorder.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.writer.OrderStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the checkout's part in tests: XADDs accepted orders to the placed-orders stream exactly as the reservation
 * script documents it (fields orderId, payload, allocation) and writes hold records (as the script does, naming the
 * entry, or as holds written before the order was kept once carried it). Also reads the stream's state.
 */
@ApplicationScoped
public class OrderStreamFeeder {

    private final RedisDataSource redis;
    private final ObjectMapper json;

    public OrderStreamFeeder(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public String add(PlacedOrders.Sample sample) {
        return addRaw(entry(sample));
    }

    public String addRaw(Map<String, String> fields) {
        return redis.stream(String.class).xadd(OrderKeys.PLACED_STREAM, fields);
    }

    /** The entry of an order placed in another slot than {@code {p}}: into that slot's stream. */
    public String add(OrderSlot slot, PlacedOrders.Sample sample) {
        return redis.stream(String.class).xadd(OrderKeys.placedStream(slot), entry(sample));
    }

    public Map<String, String> entry(PlacedOrders.Sample sample) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("orderId", sample.order().id().toString());
        fields.put("payload", write(sample.order()));
        fields.put("allocation", write(sample.allocations()));
        return fields;
    }

    /**
     * Adds the entries and has another consumer of the group read them in the same MULTI, so the writer never
     * sees them first: a pod that read a batch and died before acknowledging it.
     */
    public List<StreamMessage<String, String, String>> addReadByDeadConsumer(List<PlacedOrders.Sample> samples,
                                                                             String deadConsumer) {
        return addReadByDeadConsumer(OrderSlot.HOME, samples, deadConsumer);
    }

    /** {@link #addReadByDeadConsumer(List, String)} in one slot's stream (the writer's group exists there already). */
    public List<StreamMessage<String, String, String>> addReadByDeadConsumer(OrderSlot slot,
                                                                             List<PlacedOrders.Sample> samples,
                                                                             String deadConsumer) {
        String stream = OrderKeys.placedStream(slot);
        var result = redis.withTransaction(tx -> {
            samples.forEach(sample -> tx.stream(String.class).xadd(stream, entry(sample)));
            tx.stream(String.class).xreadgroup(OrderKeys.WRITER_GROUP, deadConsumer, stream, ">",
                    new XReadGroupArgs().count(samples.size()));
        });
        return result.get(samples.size());
    }

    public void hold(PlacedOrders.Sample sample, OrderStatus status) {
        redis.hash(String.class).hset(OrderKeys.hold(sample.order().id()), Map.of(
                "userId", sample.order().buyerId(),
                "status", status.name(),
                "payload", write(sample.order()),
                "allocation", write(sample.allocations())));
    }

    /** A hold as the reservation script writes it: the order itself stays in the stream entry it names. */
    public void holdNaming(String entryId, PlacedOrders.Sample sample, OrderStatus status) {
        redis.hash(String.class).hset(OrderKeys.hold(sample.order().id()), Map.of(
                "userId", sample.order().buyerId(),
                "status", status.name(),
                "entry", entryId));
    }

    /** Acknowledges and deletes the entry, as the writer does once PostgreSQL has the order or set it aside. */
    public void deleteEntry(String entryId) {
        redis.stream(String.class).xack(OrderKeys.PLACED_STREAM, OrderKeys.WRITER_GROUP, entryId);
        redis.stream(String.class).xdel(OrderKeys.PLACED_STREAM, entryId);
    }

    public void deleteHold(PlacedOrders.Sample sample) {
        redis.key().del(OrderKeys.hold(sample.order().id()));
    }

    public long length() {
        return redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM);
    }

    /** Entries delivered to some consumer of the writer group and not acknowledged. */
    public long pending() {
        return pending(OrderSlot.HOME);
    }

    public long pending(OrderSlot slot) {
        return redis.stream(String.class).xpending(OrderKeys.placedStream(slot), OrderKeys.WRITER_GROUP).getPendingCount();
    }

    public long length(OrderSlot slot) {
        return redis.stream(String.class).xlen(OrderKeys.placedStream(slot));
    }

    public Map<String, Long> pendingByConsumer() {
        return redis.stream(String.class).xpending(OrderKeys.PLACED_STREAM, OrderKeys.WRITER_GROUP).getConsumers();
    }

    /** Names of the writer group's consumers (XINFO CONSUMERS; RESP2 pairs or RESP3 maps). */
    public List<String> consumers() {
        List<String> names = new java.util.ArrayList<>();
        for (io.vertx.redis.client.Response consumer : redis.execute("XINFO", "CONSUMERS", OrderKeys.PLACED_STREAM,
                OrderKeys.WRITER_GROUP).getDelegate()) {
            if (consumer.isMap()) {
                names.add(consumer.get("name").toString());
            } else {
                for (int i = 0; i + 1 < consumer.size(); i += 2) {
                    if ("name".equals(consumer.get(i).toString())) {
                        names.add(consumer.get(i + 1).toString());
                    }
                }
            }
        }
        return names;
    }

    public List<StreamMessage<String, String, String>> deadLetters() {
        return redis.stream(String.class).xrange(OrderStream.DEAD_LETTER_STREAM, StreamRange.of("-", "+"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
