package io.flashorder.aftersale.timers;

import io.flashorder.aftersale.CaseActions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs on every pod: after-sales deadlines, and stock returns whose Redis step did not run after their commit. */
@ApplicationScoped
public class AfterSaleJobs {

    private final CaseActions actions;
    private final AfterSaleTimers timers;

    public AfterSaleJobs(CaseActions actions, AfterSaleTimers timers) {
        this.actions = actions;
        this.timers = timers;
    }

    @Scheduled(every = "${flashorder.aftersale.timers-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deadlines() {
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

    @Scheduled(every = "${flashorder.aftersale.stock-return-every:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> returnStock() {
        return actions.applyDueStockReturns()
                .invoke(cases -> {
                    if (cases > 0) {
                        Log.infof("Returned the units of %d after-sale case(s) to Redis", cases);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Stock return run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
