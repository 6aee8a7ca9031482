package io.flashorder.order.recovery;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.StockFence;
import io.flashorder.inventory.StockTrust;
import io.flashorder.order.writer.OrderStream;
import io.flashorder.order.writer.StreamId;
import io.flashorder.platform.ReactiveContexts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Decides whether this pod may trust the stock in Redis, and has it rebuilt when it may not. Redis lost writes
 * that matter when it has no stock epoch or another one than PostgreSQL's (wiped, replaced, restored from an older
 * copy), or when a slot's placed-orders stream was last given an id below the highest one the order writer committed
 * from it to PostgreSQL (it came back without reservations PostgreSQL has: the oversell of issue 15). Checked at start-up,
 * whenever something suggests Redis restarted ({@link StockTrust.StockDistrusted}), and every
 * {@code verify-every}; while the pod does not trust Redis, placements answer 503 and the check is retried every
 * {@code retry-every}. A loss is repaired by {@link StockRecovery} (one pod at a time, the others wait for it).
 */
@ApplicationScoped
public class StockIntegrity {

    /** What one check found. */
    public enum Verdict { TRUSTED, RECOVERED, WAITING, FAILED, BUSY }

    private static final long FIRST_EPOCH = 1;

    private final StockTrust trust;
    private final StockFence fence;
    private final StockEpochRepository epochs;
    private final OrderStream stream;
    private final StockRecovery recovery;
    private final ReservationService reservations;
    private final ReactiveContexts contexts;
    private final RecoveryConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    public StockIntegrity(StockTrust trust, StockFence fence, StockEpochRepository epochs, OrderStream stream,
                          StockRecovery recovery, ReservationService reservations, ReactiveContexts contexts,
                          RecoveryConfig config, Vertx vertx, Clock clock) {
        this.trust = trust;
        this.fence = fence;
        this.epochs = epochs;
        this.stream = stream;
        this.recovery = recovery;
        this.reservations = reservations;
        this.contexts = contexts;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        contexts.run("Stock verification", this::check);
    }

    void onDistrust(@Observes StockTrust.StockDistrusted distrusted) {
        contexts.run("Stock verification", this::check);
    }

    @Scheduled(identity = "stock-verification", every = "${flashorder.recovery.verify-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        return check().replaceWithVoid();
    }

    /** Verifies Redis (and recovers it if needed), unless a check is already running on this pod. */
    public Uni<Verdict> check() {
        return guarded(() -> verify().chain(loss -> loss.isEmpty() ? trust()
                : recover(loss.get())));
    }

    /** Rebuilds the stock now whatever the checks say (an operator's decision). */
    public Uni<StockRecovery.Report> forceRecovery(String reason) {
        if (!checking.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new IllegalStateException("A stock check or recovery is running on this pod"));
        }
        trust.recovering(reason);
        return recovery.recover(reason)
                .onTermination().invoke(() -> checking.set(false))
                .invoke(report -> afterRecovery(report))
                .onFailure().invoke(failure -> retryLater());
    }

    private Uni<Verdict> guarded(java.util.function.Supplier<Uni<Verdict>> work) {
        if (!checking.compareAndSet(false, true)) {
            return Uni.createFrom().item(Verdict.BUSY);
        }
        return Uni.createFrom().<Verdict>deferred(work::get)
                .onFailure().recoverWithItem(failure -> {
                    if (trust.acceptsPlacements()) {
                        // A failed periodic check (PostgreSQL or Redis unreachable) does not stop placements.
                        Log.debugf("Stock verification not done: %s", failure.toString());
                    } else {
                        Log.warnf("Stock verification failed (%s); placements stay refused, retrying", failure.toString());
                    }
                    return Verdict.FAILED;
                })
                .onTermination().invoke(() -> checking.set(false))
                .invoke(verdict -> {
                    if (!trust.acceptsPlacements()) {
                        retryLater();
                    }
                });
    }

    /** Emits why Redis cannot be trusted, or empty when it can. */
    private Uni<Optional<String>> verify() {
        return fence.holder().chain(holder -> {
            if (holder.isPresent()) {
                return Uni.createFrom().item(Optional.of("a recovery (" + holder.get() + ") is rebuilding the stock"));
            }
            return epochs.marks().chain(marks -> fence.epoch().chain(redisEpoch -> lastIds(marks)
                    .chain(lastIds -> {
                        Optional<String> loss = loss(marks, redisEpoch, lastIds);
                        if (loss.isPresent()) {
                            return Uni.createFrom().item(loss);
                        }
                        if (marks.epoch().isPresent()) {
                            return fence.slotsWithoutEpoch(marks.epoch().get()).map(slots -> slots.isEmpty()
                                    ? Optional.<String>empty()
                                    : Optional.of("the stock epoch is missing in slot(s) " + slots
                                    + ": their primary lost writes, or they were never given one"));
                        }
                        // First start against this database: adopt Redis' epoch, or begin one.
                        return (redisEpoch.isPresent() ? Uni.createFrom().item(redisEpoch.get())
                                : fence.initialiseEpoch(FIRST_EPOCH))
                                .chain(epoch -> epochs.initialise(epoch, clock.instant()))
                                .chain(epoch -> fence.epoch().map(now -> now.isPresent() && now.get() == epoch
                                        ? Optional.<String>empty()
                                        : Optional.of("Redis' stock epoch " + now.orElse(null)
                                        + " is not PostgreSQL's " + epoch)));
                    })));
        });
    }

    /**
     * The id each slot's stream was last given, for the slots PostgreSQL has a watermark of (the others never had an
     * order written, so they cannot have lost one PostgreSQL has): one XINFO per such slot.
     */
    private Uni<Map<OrderSlot, Optional<StreamId>>> lastIds(StockEpochRepository.Marks marks) {
        Map<OrderSlot, Optional<StreamId>> lastIds = new HashMap<>();
        return Multi.createFrom().iterable(marks.watermarks().keySet())
                .onItem().transformToUniAndConcatenate(slot -> stream.lastGeneratedId(slot)
                        .invoke(lastId -> lastIds.put(slot, lastId)))
                .collect().last().replaceWith(lastIds);
    }

    /**
     * Why Redis cannot be trusted, if it cannot: no or another epoch than PostgreSQL's, or a slot's stream last given an
     * id below that slot's watermark ({@code lastIds} has an entry per watermark; a missing one reads as no stream).
     */
    static Optional<String> loss(StockEpochRepository.Marks marks, Optional<Long> redisEpoch,
                                 Map<OrderSlot, Optional<StreamId>> lastIds) {
        if (marks.epoch().isPresent() && redisEpoch.isEmpty()) {
            return Optional.of("Redis has no stock epoch (PostgreSQL's is " + marks.epoch().get()
                    + "): it was wiped or replaced");
        }
        if (marks.epoch().isPresent() && !marks.epoch().equals(redisEpoch)) {
            return Optional.of("Redis' stock epoch " + redisEpoch.get() + " is not PostgreSQL's " + marks.epoch().get()
                    + ": it was restored from an older copy");
        }
        return marks.watermarks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(OrderSlot::index)))
                .flatMap(watermark -> {
                    Optional<StreamId> lastId = lastIds.getOrDefault(watermark.getKey(), Optional.empty());
                    return lastId.isPresent() && lastId.get().compareTo(watermark.getValue()) >= 0 ? Stream.empty()
                            : Stream.of("Redis' placed-orders stream " + OrderKeys.placedStream(watermark.getKey())
                            + " was last given id " + lastId.map(StreamId::toString).orElse("none")
                            + " but PostgreSQL has orders up to " + watermark.getValue()
                            + ": Redis lost reservations PostgreSQL has");
                })
                .findFirst();
    }

    private Uni<Verdict> trust() {
        if (trust.acceptsPlacements()) {
            return Uni.createFrom().item(Verdict.TRUSTED);
        }
        return reservations.prepare().invoke(() -> {
            trust.trusted("verified against PostgreSQL");
            Log.info("Stock in Redis verified against PostgreSQL; taking orders");
        }).replaceWith(Verdict.TRUSTED);
    }

    private Uni<Verdict> recover(String reason) {
        trust.recovering(reason);
        return recovery.recover(reason).map(report -> afterRecovery(report));
    }

    private Verdict afterRecovery(StockRecovery.Report report) {
        if (!"RECOVERED".equals(report.outcome())) {
            return Verdict.WAITING;
        }
        trust.trusted("rebuilt from PostgreSQL by recovery " + report.runId());
        return Verdict.RECOVERED;
    }

    private void retryLater() {
        if (retryScheduled.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, config.retryEvery().toMillis()), id -> {
                retryScheduled.set(false);
                contexts.run("Stock verification", this::check);
            });
        }
    }
}
