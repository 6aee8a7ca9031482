package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted orders PostgreSQL may not have yet: the length of every slot's placed-orders stream, summed, since the writer deletes an
 * entry in the same transaction as it acknowledges it. (The group's own {@code lag} is no measure: Redis estimates
 * it from counters that deleted entries make wrong, and it reported thousands for a stream of fifty.) Read from Redis
 * every {@code backlog-poll-every}, not per scrape, and exposed as the gauge {@code flashorder_order_stream_backlog}
 * and in the {@code order-writer} readiness data.
 */
@ApplicationScoped
public class OrderStreamBacklog {

    private final ReactiveRedisDataSource redis;
    private final AtomicLong backlog = new AtomicLong();

    public OrderStreamBacklog(ReactiveRedisDataSource redis, MeterRegistry registry) {
        this.redis = redis;
        Gauge.builder("flashorder.order.stream.backlog", backlog, AtomicLong::get)
                .description("Placed-order stream entries not yet written to PostgreSQL and acknowledged")
                .register(registry);
    }

    /** The last value read; it stays as it was while Redis cannot be asked. */
    public long current() {
        return backlog.get();
    }

    @Scheduled(every = "${flashorder.order-writer.backlog-poll-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return measure()
                .invoke(backlog::set)
                .onFailure().invoke(failure -> Log.debugf("Order stream backlog not read: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The entries of every slot's placed-orders stream: one XLEN each (a command cannot span slots on a cluster). */
    public Uni<Long> measure() {
        return Uni.join().all(OrderSlot.all().stream()
                        .map(slot -> redis.stream(String.class).xlen(OrderKeys.placedStream(slot))).toList())
                .andFailFast().map(lengths -> lengths.stream().mapToLong(Long::longValue).sum());
    }
}
