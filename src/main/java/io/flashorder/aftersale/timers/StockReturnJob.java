package io.flashorder.aftersale.timers;

import io.flashorder.aftersale.CaseActions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs on every pod: stock and coupon returns whose Redis step did not run right after their commit. */
@ApplicationScoped
public class StockReturnJob {

    private final CaseActions actions;

    public StockReturnJob(CaseActions actions) {
        this.actions = actions;
    }

    @Scheduled(every = "${flashorder.aftersale.stock-return-every:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return actions.applyDueStockReturns()
                .invoke(cases -> {
                    if (cases > 0) {
                        Log.infof("Returned the units of %d after-sale case(s) to Redis", cases);
                    }
                })
                .chain(() -> actions.applyDueCouponReturns())
                .onFailure().invoke(e -> Log.warnf("Stock return run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
