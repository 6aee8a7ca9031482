package io.flashorder.points;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs on every pod: expires points whose time has come (by the injected clock). Pods share the work through SKIP
 * LOCKED claims (see {@link PointsService#expireDue()}).
 */
@ApplicationScoped
public class PointsExpiryJob {

    private final PointsService points;

    public PointsExpiryJob(PointsService points) {
        this.points = points;
    }

    @Scheduled(every = "${flashorder.points.expiry-every:1m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return points.expireDue()
                .invoke(expired -> {
                    if (expired > 0) {
                        Log.infof("Expired %d member points", expired);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Points expiry run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
