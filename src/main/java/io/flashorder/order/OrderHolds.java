package io.flashorder.order;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The hold records the reservation script writes: read so an order is readable before PostgreSQL has it (from the
 * placed-orders stream entry the hold names), and read and rewritten by the stock recovery and reconciliation.
 */
@ApplicationScoped
public class OrderHolds {

    /**
     * A hold as stored: the slot it lives in, the buyer it belongs to and the order in its current status, absent once
     * the order has left Redis (the writer committed it to PostgreSQL, or set it aside; a settled or restored hold).
     */
    public record Hold(OrderSlot slot, String userId, Optional<StoredOrder> order) {
    }

    private static final int CONCURRENCY = 32;

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final OrderPayloads payloads;

    public OrderHolds(ReactiveRedisDataSource redis, OrderPayloads payloads) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.streams = redis.stream(String.class, String.class, String.class);
        this.payloads = payloads;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<Optional<Hold>> find(UUID orderId) {
        // Most orders live in {p}; one placed in a stock bucket's slot is looked for in every other slot at once
        // (the id does not say which, and this read-through only serves the moments before PostgreSQL has it).
        return find(OrderSlot.HOME, orderId)
                .chain(home -> home.isPresent() ? Uni.createFrom().item(home) : Uni.join().all(
                                OrderSlot.all().subList(1, OrderSlot.COUNT).stream().map(slot -> find(slot, orderId))
                                        .toList())
                        .andFailFast().map(found -> found.stream().flatMap(Optional::stream).findFirst()));
    }

    /**
     * The hold of an order whose slot is known (its deadline entry, its stream entry or PostgreSQL said), with the order
     * read from the placed-orders stream entry the hold names (the order is kept once in Redis, there). The order is
     * absent once that entry has left the stream: the writer deletes it after PostgreSQL committed the order (or set it
     * aside), so a caller that found no order in PostgreSQL before asking must look there again.
     */
    public Uni<Optional<Hold>> find(OrderSlot slot, UUID orderId) {
        return hashes.hgetall(OrderKeys.hold(slot, orderId)).chain(fields -> {
            String entry = fields == null || fields.get("payload") != null ? null : fields.get("entry");
            if (entry == null) {
                return Uni.createFrom().item(parse(slot, fields, fields));
            }
            return streams.xrange(OrderKeys.placedStream(slot), StreamRange.of(entry, entry), 1)
                    .map(entries -> parse(slot, fields, entries.isEmpty() || entries.get(0).payload() == null
                            ? Map.of() : entries.get(0).payload()));
        });
    }

    /**
     * The holds Redis still counts as pending, with the slot they live in: every slot's payment-deadline index, which
     * every reservation adds to. One read per slot (an index cannot span slots on a cluster).
     */
    public Uni<Map<UUID, OrderSlot>> pendingIds() {
        return Uni.join().all(OrderSlot.all().stream().map(slot -> redis.sortedSet(String.class)
                        .zrange(OrderKeys.deadlines(slot), 0, -1)
                        .map(ids -> ids.stream().map(id -> Map.entry(UUID.fromString(id), slot)).toList())).toList())
                .andFailFast()
                .map(perSlot -> {
                    Map<UUID, OrderSlot> pending = new LinkedHashMap<>();
                    perSlot.forEach(entries -> entries.forEach(entry -> pending.putIfAbsent(entry.getKey(), entry.getValue())));
                    return pending;
                });
    }

    /**
     * The status of each order's hold in its slot ({@code PENDING_PAYMENT}, {@code PAID}, {@code RELEASED}); absent:
     * no hold.
     */
    public Uni<Map<UUID, String>> statuses(Map<UUID, OrderSlot> orders) {
        return Multi.createFrom().iterable(orders.entrySet())
                .onItem().transformToUni(order -> hashes.hget(OrderKeys.hold(order.getValue(), order.getKey()), "status")
                        .map(status -> status == null ? null : Map.entry(order.getKey(), status)))
                .merge(CONCURRENCY)
                .filter(entry -> entry != null)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Writes the hold of an order PostgreSQL says is still pending but Redis lost, in the order's slot: its buyer and
     * status (the order itself is in PostgreSQL, so no payload) and its payment-deadline entry. A hold that exists is
     * left alone.
     */
    public Uni<Boolean> restorePending(OrderSlot slot, UUID orderId, String userId, Instant deadline) {
        String key = OrderKeys.hold(slot, orderId);
        return hashes.hsetnx(key, "status", OrderStatus.PENDING_PAYMENT.name()).chain(created -> !created
                ? Uni.createFrom().item(false)
                : hashes.hset(key, Map.of("userId", userId))
                .chain(() -> redis.sortedSet(String.class).zadd(OrderKeys.deadlines(slot), deadline.toEpochMilli(),
                        orderId.toString()))
                .replaceWith(true));
    }

    /**
     * Makes the hold (in the order's slot) the marker of a settled order ({@code PAID} or {@code RELEASED}), as the
     * settlement scripts leave it, without moving any counter: for a recovery, which has rebuilt the counters from
     * PostgreSQL already.
     */
    public Uni<Void> markSettled(OrderSlot slot, UUID orderId, String status, Duration keepFor) {
        String key = OrderKeys.hold(slot, orderId);
        return hashes.hset(key, Map.of("status", status))
                .chain(() -> hashes.hdel(key, "entry", "payload", "allocation"))
                .chain(() -> redis.key(String.class).expire(key, keepFor))
                .chain(() -> redis.sortedSet(String.class).zrem(OrderKeys.deadlines(slot), orderId.toString()))
                .replaceWithVoid();
    }

    /**
     * A hold's own fields (buyer, status) and its order: from the stream entry it names, or from the hold itself for one
     * written before the order was kept once in Redis.
     */
    private Optional<Hold> parse(OrderSlot slot, Map<String, String> fields, Map<String, String> order) {
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        String payload = order.get("payload");
        String allocation = order.get("allocation");
        String status = fields.get("status");
        return Optional.of(new Hold(slot, fields.get("userId"), Optional.ofNullable(payload).map(json -> new StoredOrder(
                payloads.order(json), allocation == null ? List.of() : payloads.allocations(allocation),
                status == null ? OrderStatus.PENDING_PAYMENT : OrderStatus.valueOf(status)))));
    }
}
