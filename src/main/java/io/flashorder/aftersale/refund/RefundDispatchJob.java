package io.flashorder.aftersale.refund;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs on every pod: hands due refunds (new ones, retries after their back-off) to the provider. */
@ApplicationScoped
public class RefundDispatchJob {

    private final AfterSaleRefunds refunds;

    public RefundDispatchJob(AfterSaleRefunds refunds) {
        this.refunds = refunds;
    }

    @Scheduled(every = "${flashorder.aftersale.refund-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        return refunds.dispatchDue()
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Handed %d after-sale refund(s) to the payment provider", count);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Refund run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
