package io.flashorder.order;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads the hold record the reservation script writes, so an order is readable before PostgreSQL has it. */
@ApplicationScoped
public class OrderHolds {

    /** A hold as stored: the buyer it belongs to and the order in its current status. */
    public record Hold(String userId, StoredOrder order) {
    }

    private final ReactiveHashCommands<String, String, String> hashes;
    private final OrderPayloads payloads;

    public OrderHolds(ReactiveRedisDataSource redis, OrderPayloads payloads) {
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.payloads = payloads;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<Optional<Hold>> find(UUID orderId) {
        return hashes.hgetall(OrderKeys.hold(orderId)).map(this::parse);
    }

    private Optional<Hold> parse(Map<String, String> fields) {
        if (fields == null || fields.isEmpty() || fields.get("payload") == null) {
            return Optional.empty();
        }
        PlacedOrder order = payloads.order(fields.get("payload"));
        String allocation = fields.get("allocation");
        String status = fields.get("status");
        return Optional.of(new Hold(fields.get("userId"), new StoredOrder(order,
                allocation == null ? java.util.List.of() : payloads.allocations(allocation),
                status == null ? OrderStatus.PENDING_PAYMENT : OrderStatus.valueOf(status))));
    }
}
