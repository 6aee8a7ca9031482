package io.flashorder.analytics;

import io.flashorder.platform.sql.Transactions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Forgets the ids of events applied longer ago than the retention (no event comes back then). A flash sale applies
 * thousands of events a second, so one run deletes batch after batch until it has caught up; each batch is its own
 * short transaction (locks and WAL stay small, under the analytics statement timeout) and a run stops after
 * {@code applied-event-purge-max-batches}, leaving the rest to the next run.
 */
@ApplicationScoped
public class AppliedEventPurgeJob {

    /**
     * The rows are deleted by their physical address (no probe of the primary key per row); the candidates come from
     * the BRIN index on applied_at (V71). Rows are only ever inserted, never updated, so a locked row keeps its address.
     */
    private static final String PURGE_BATCH = """
            DELETE FROM analytics_applied_event WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM analytics_applied_event WHERE applied_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))""";

    private final Pool pool;
    private final AnalyticsConfig config;
    private final Clock clock;

    public AppliedEventPurgeJob(Pool pool, AnalyticsConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purge().onFailure().invoke(e -> Log.warnf("Analytics purge failed (next run retries): %s", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Emits how many ids it deleted: every expired one, unless it reached its batch limit first. */
    public Uni<Long> purge() {
        OffsetDateTime cutoff = TimelineRepository.utc(clock.instant().minus(config.appliedEventRetention()));
        return purgeFrom(cutoff, 0, 0L);
    }

    private Uni<Long> purgeFrom(OffsetDateTime cutoff, int batchesDone, long deletedSoFar) {
        int batchSize = config.appliedEventPurgeBatch();
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                tx -> tx.preparedQuery(PURGE_BATCH).execute(Tuple.of(cutoff, batchSize))).chain(rows -> {
            long deleted = deletedSoFar + rows.rowCount();
            boolean caughtUp = rows.rowCount() < batchSize;
            if (caughtUp || batchesDone + 1 >= config.appliedEventPurgeMaxBatches()) {
                return Uni.createFrom().item(deleted);
            }
            return purgeFrom(cutoff, batchesDone + 1, deleted);
        });
    }
}
