package io.flashorder.events;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes committed outbox rows to the Redis stream {@value EventStreams#ORDERS}, on every pod: each run claims
 * up to a batch of unpublished rows with FOR UPDATE SKIP LOCKED (pods never wait for nor publish each other's
 * rows), adds them to the stream in order, then marks them published in the same transaction. A crash between
 * the XADD and the commit publishes a row again later: delivery is at least once, and receivers dedupe on the
 * event id (the outbox row id).
 */
@ApplicationScoped
public class OutboxRelayJob {

    private static final String CLAIM = """
            SELECT id, type, order_id, merchant_id, payload::text AS payload, created_at
            FROM outbox_event WHERE published_at IS NULL
            ORDER BY created_at, id LIMIT $1
            FOR UPDATE SKIP LOCKED""";
    private static final String MARK = "UPDATE outbox_event SET published_at = $2 WHERE id = ANY($1)";

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final EventsConfig config;
    private final Clock clock;

    public OutboxRelayJob(Pool pool, ReactiveRedisDataSource redis, EventsConfig config, Clock clock) {
        this.pool = pool;
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${flashorder.events.relay-every:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createBy().repeating().uni(this::publishBatch)
                .whilst(published -> published == config.relayBatchSize())
                .select().first(20)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .invoke(published -> {
                    if (published > 0) {
                        Log.debugf("Published %d outbox event(s)", published);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Outbox relay run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Publishes one batch; emits how many rows it published. */
    @Timeout(30_000)
    public Uni<Integer> publishBatch() {
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(config.relayBatchSize()))
                .chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // One pipelined write for the whole batch, in order: one round trip, not one per event.
                    return redis.getRedis().batch(claimed.stream().map(OutboxRelayJob::xadd).toList())
                            .chain(ids -> mark(tx, claimed))
                            .replaceWith(claimed.size());
                }));
    }

    private Uni<Void> mark(SqlConnection tx, List<Row> claimed) {
        UUID[] ids = claimed.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
        return tx.preparedQuery(MARK).execute(Tuple.of(ids, clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Request xadd(Row row) {
        return EventStreams.orderEvent(row.getUUID("id"), row.getString("type"),
                row.getOffsetDateTime("created_at").toInstant(), row.getUUID("order_id"), row.getUUID("merchant_id"),
                row.getString("payload"));
    }
}
