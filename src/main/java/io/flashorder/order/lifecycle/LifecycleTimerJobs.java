package io.flashorder.order.lifecycle;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The lifecycle's timers, on every pod: rows are claimed with FOR UPDATE SKIP LOCKED, so pods share the work
 * without doing any of it twice. Time is the injected clock's. The methods return a Uni, so Quarkus runs them on a
 * Vert.x context (the reactive PostgreSQL and Redis clients need one) without blocking a thread.
 */
@ApplicationScoped
public class LifecycleTimerJobs {

    private final OrderLifecycle lifecycle;
    private final LifecycleConfig config;

    public LifecycleTimerJobs(OrderLifecycle lifecycle, LifecycleConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(identity = "payment-deadline", every = "${flashorder.lifecycle.deadline-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> paymentDeadlines() {
        return expireDue().invoke(count -> {
            if (count > 0) {
                Log.infof("Cancelled %d order(s) past their payment deadline", count);
            }
        }).replaceWithVoid();
    }

    @Scheduled(identity = "cod-confirmation", every = "${flashorder.lifecycle.cod-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cashOnDelivery() {
        return confirmCashOnDelivery().replaceWithVoid();
    }

    @Scheduled(identity = "stock-settlement", every = "${flashorder.lifecycle.settle-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> settlement() {
        return settleForgotten().replaceWithVoid();
    }

    /** Expires every due order, batch after batch (bounded). Emits how many. */
    public Uni<Integer> expireDue() {
        return batches(() -> lifecycle.expireDue(config.batchSize()));
    }

    public Uni<Integer> confirmCashOnDelivery() {
        return batches(() -> lifecycle.confirmPendingCashOnDelivery(config.batchSize()));
    }

    public Uni<Integer> settleForgotten() {
        return batches(() -> lifecycle.settleForgotten(config.settleGrace(), config.batchSize()));
    }

    /** Repeats a batch while batches come back full, at most max-batches times; emits the total. */
    private Uni<Integer> batches(Supplier<Uni<? extends Integer>> batch) {
        return Multi.createBy().repeating().<Integer>uni(batch).whilst(count -> count >= config.batchSize())
                .select().first(config.maxBatches())
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
