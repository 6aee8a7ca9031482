package io.flashorder.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted orders PostgreSQL may not have yet: entries of the placed-orders stream the writer group has not
 * acknowledged (never delivered, {@code lag}, plus delivered but unacknowledged, {@code pending}). Read from Redis
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

    public Uni<Long> measure() {
        return redis.execute(Command.XINFO, "GROUPS", OrderKeys.PLACED_STREAM)
                .chain(groups -> {
                    Long fromGroup = backlogOfWriterGroup(groups.getDelegate());
                    // No group yet, or Redis cannot tell the lag: acknowledged entries are deleted, so whatever is
                    // left in the stream is the backlog.
                    return fromGroup != null ? Uni.createFrom().item(fromGroup)
                            : redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM);
                })
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("no such key"))
                .recoverWithItem(0L);
    }

    private static Long backlogOfWriterGroup(Response groups) {
        if (groups == null) {
            return null;
        }
        for (Response group : groups) {
            Map<String, Response> fields = RedisMaps.fields(group);
            Response name = fields.get("name");
            if (name == null || !OrderKeys.WRITER_GROUP.equals(name.toString())) {
                continue;
            }
            Response pending = fields.get("pending");
            Response lag = fields.get("lag");
            return pending == null || lag == null ? null : pending.toLong() + lag.toLong();
        }
        return null;
    }
}
