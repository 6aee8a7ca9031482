package io.flashorder.aftersale.timers;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs on every pod: after-sales deadlines and ended after-sales windows (see {@link AfterSaleTimers}). */
@ApplicationScoped
public class AfterSaleDeadlineJob {

    private final AfterSaleTimers timers;

    public AfterSaleDeadlineJob(AfterSaleTimers timers) {
        this.timers = timers;
    }

    @Scheduled(every = "${flashorder.aftersale.timers-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return timers.runDeadlines()
                .chain(cases -> timers.closeEndedWindows().invoke(closed -> {
                    if (cases > 0 || closed > 0) {
                        Log.infof("After-sales deadlines: %d case(s) moved, %d merchant order(s) closed", cases,
                                closed);
                    }
                }))
                .onFailure().invoke(e -> Log.warnf("After-sales timer run failed (next run retries): %s",
                        e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
