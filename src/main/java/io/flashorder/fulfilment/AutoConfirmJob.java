package io.flashorder.fulfilment;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs on every pod: confirms receipt of merchant orders whose auto-confirm time (by the injected clock) passed.
 * Pods share the work through SKIP LOCKED claims (see {@link ReceiptService#confirmDue()}).
 */
@ApplicationScoped
public class AutoConfirmJob {

    private final ReceiptService receipts;

    public AutoConfirmJob(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @Scheduled(every = "${flashorder.fulfilment.auto-confirm-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return receipts.confirmDue()
                .invoke(confirmed -> {
                    if (confirmed > 0) {
                        Log.infof("Confirmed receipt of %d merchant order(s) automatically", confirmed);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Auto-confirm run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
