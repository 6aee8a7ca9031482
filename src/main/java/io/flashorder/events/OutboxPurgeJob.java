package io.flashorder.events;

import io.flashorder.platform.Ids;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Deletes outbox rows once published and older than the retention: the outbox is a transport, one row per merchant
 * order, and would otherwise grow with every order ever placed. Outbox ids are UUIDv7, so "older than" is a range of
 * the primary key and needs no index of its own; rows go in small batches so no transaction holds many locks.
 */
@ApplicationScoped
public class OutboxPurgeJob {

    private static final int BATCH = 5_000;
    private static final int MAX_BATCHES = 100;
    private static final String PURGE = """
            DELETE FROM outbox_event WHERE id IN (
                SELECT id FROM outbox_event WHERE id < $1 AND published_at IS NOT NULL ORDER BY id LIMIT $2)""";

    private final Pool pool;
    private final EventsConfig config;
    private final Clock clock;

    public OutboxPurgeJob(Pool pool, EventsConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-purge", every = "${flashorder.events.outbox-purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgePublishedBefore(clock.instant().minus(config.outboxRetention()))
                .onFailure().invoke(failure -> Log.warnf("Outbox not purged: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes published rows created before {@code cutoff}; emits how many. */
    public Uni<Long> purgePublishedBefore(Instant cutoff) {
        Tuple arguments = Tuple.of(Ids.floorOf(cutoff), BATCH);
        return Multi.createBy().repeating()
                .uni(() -> pool.preparedQuery(PURGE).execute(arguments).map(rows -> (long) rows.rowCount()))
                .whilst(deleted -> deleted == BATCH)
                .select().first(MAX_BATCHES)
                .collect().with(Collectors.summingLong(Long::longValue));
    }
}
