package io.flashorder.analytics;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;

/** Forgets the ids of events applied longer ago than the retention, a batch at a time (no event comes back then). */
@ApplicationScoped
public class AppliedEventPurgeJob {

    private static final String PURGE = """
            DELETE FROM analytics_applied_event WHERE event_id IN (
                SELECT event_id FROM analytics_applied_event WHERE applied_at < $1 LIMIT 5000
                FOR UPDATE SKIP LOCKED)""";

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

    /** Emits how many ids it deleted. */
    @Timeout(30_000)
    public Uni<Integer> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of(TimelineRepository.utc(
                clock.instant().minus(config.appliedEventRetention())))).map(rows -> rows.rowCount());
    }
}
