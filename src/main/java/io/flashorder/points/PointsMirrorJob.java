package io.flashorder.points;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs on every pod: brings up to date the points mirrors whose ledger changed without its mirror following (a
 * change made inside another feature's transaction, or a sync that failed). Syncs are idempotent, so pods running it
 * at the same time do no harm.
 */
@ApplicationScoped
public class PointsMirrorJob {

    private final PointsMirror mirror;
    private final PointsConfig config;

    public PointsMirrorJob(PointsMirror mirror, PointsConfig config) {
        this.mirror = mirror;
        this.config = config;
    }

    @Scheduled(every = "${flashorder.points.mirror-every:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return mirror.syncBehind(config.mirrorBatchSize())
                .onFailure().invoke(e -> Log.warnf("Points mirror run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
