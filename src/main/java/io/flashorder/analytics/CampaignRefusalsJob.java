package io.flashorder.analytics;

import io.flashorder.checkout.PlacementMetrics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import io.flashorder.platform.sql.Transactions;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Adds the campaign refusals this pod's checkout counted (sold out, limit reached...) to the campaigns' funnels,
 * in one transaction; if it fails the counts go back to checkout's tally for the next run.
 */
@ApplicationScoped
public class CampaignRefusalsJob {

    private final PlacementMetrics placements;
    private final RollupWriter rollups;
    private final Pool pool;

    public CampaignRefusalsJob(PlacementMetrics placements, RollupWriter rollups, Pool pool) {
        this.placements = placements;
        this.rollups = rollups;
        this.pool = pool;
    }

    @Scheduled(every = "${flashorder.analytics.refusals-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return flush().onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Stores what was counted since the last run; emits how many refusals it stored. Bounded by a statement timeout
     * rather than {@code @Timeout}: a call given up while its transaction still commits would count twice.
     */
    public Uni<Long> flush() {
        Map<PlacementMetrics.CampaignOutcome, Long> counted = placements.drainCampaignRefusals();
        if (counted.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        // One fixed row order, so two pods storing at once never deadlock.
        List<Map.Entry<PlacementMetrics.CampaignOutcome, Long>> rows = counted.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().campaignId() + "/" + entry.getKey().outcome()))
                .toList();
        return Transactions.withStatementTimeout(pool, Duration.ofSeconds(5), tx -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(entry -> rollups.addRefusals(tx,
                                entry.getKey().campaignId(), entry.getKey().outcome(), entry.getValue()))
                        .collect().last())
                .replaceWith(() -> counted.values().stream().mapToLong(Long::longValue).sum())
                .onFailure().invoke(e -> {
                    Log.warnf("Campaign refusals not stored (kept for the next run): %s", e.toString());
                    placements.restoreCampaignRefusals(counted);
                });
    }
}
