package io.flashorder.logistics.returns;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs on every pod: returns to sender left unfinished by a crash or a failure (see {@link ReturnRecovery}). */
@ApplicationScoped
public class ReturnRecoveryJob {

    private final ReturnRecovery recovery;

    public ReturnRecoveryJob(ReturnRecovery recovery) {
        this.recovery = recovery;
    }

    @Scheduled(every = "${flashorder.logistics.return-recovery.every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return recovery.finishUnfinished()
                .invoke(finished -> {
                    if (finished > 0) {
                        Log.infof("Finished the return to sender of %d parcel(s)", finished);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Return recovery run failed (next run retries): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
