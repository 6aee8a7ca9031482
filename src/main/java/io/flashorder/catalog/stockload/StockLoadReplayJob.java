package io.flashorder.catalog.stockload;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Re-applies stock loads that PostgreSQL recorded but Redis did not get; runs on every pod (it is idempotent). */
@ApplicationScoped
public class StockLoadReplayJob {

    private final StockLoadService stockLoads;

    public StockLoadReplayJob(StockLoadService stockLoads) {
        this.stockLoads = stockLoads;
    }

    @Scheduled(every = "${flashorder.stock.replay-every}", delayed = "${flashorder.stock.replay-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> replay() {
        return stockLoads.replayPending()
                .invoke(applied -> {
                    if (applied > 0) {
                        Log.infof("Applied %d pending stock load batch(es) to Redis", applied);
                    }
                })
                .replaceWithVoid();
    }
}
