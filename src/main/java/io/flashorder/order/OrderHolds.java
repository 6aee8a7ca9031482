package io.flashorder.order;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
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
 * The hold records the reservation script writes: read so an order is readable before PostgreSQL has it, and read
 * and rewritten by the stock recovery and reconciliation.
 */
@ApplicationScoped
public class OrderHolds {

    /** A hold as stored: the slot it lives in, the buyer it belongs to and the order in its current status. */
    public record Hold(OrderSlot slot, String userId, StoredOrder order) {
    }

    private static final int CONCURRENCY = 32;

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final OrderPayloads payloads;

    public OrderHolds(ReactiveRedisDataSource redis, OrderPayloads payloads) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
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

    /** The hold of an order whose slot is known (its deadline entry, its stream entry or PostgreSQL said). */
    public Uni<Optional<Hold>> find(OrderSlot slot, UUID orderId) {
        return hashes.hgetall(OrderKeys.hold(slot, orderId)).map(fields -> parse(slot, fields));
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
                .chain(() -> hashes.hdel(key, "payload", "allocation"))
                .chain(() -> redis.key(String.class).expire(key, keepFor))
                .chain(() -> redis.sortedSet(String.class).zrem(OrderKeys.deadlines(slot), orderId.toString()))
                .replaceWithVoid();
    }

    private Optional<Hold> parse(OrderSlot slot, Map<String, String> fields) {
        if (fields == null || fields.isEmpty() || fields.get("payload") == null) {
            return Optional.empty();
        }
        PlacedOrder order = payloads.order(fields.get("payload"));
        String allocation = fields.get("allocation");
        String status = fields.get("status");
        return Optional.of(new Hold(slot, fields.get("userId"), new StoredOrder(order,
                allocation == null ? java.util.List.of() : payloads.allocations(allocation),
                status == null ? OrderStatus.PENDING_PAYMENT : OrderStatus.valueOf(status))));
    }
}
