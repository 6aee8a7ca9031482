package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryConfig;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.StockDrift;
import io.flashorder.inventory.StockFence;
import io.flashorder.inventory.StockRebuild;
import io.flashorder.inventory.StockTrust;
import io.flashorder.order.OrderHolds;
import io.flashorder.order.writer.OrderStreamBacklog;
import io.flashorder.platform.EventLoopPause;
import io.flashorder.platform.Ids;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proves the stock in Redis against PostgreSQL, on one pod at a time (a leader lock in Redis), every
 * {@code reconcile-every} and on demand: per SKU and warehouse and per campaign SKU, Redis' own invariant
 * ({@code loaded = available + held + sold}, {@code available} = the warehouses' sum, nothing negative) and each
 * counter against what the stock loads and the orders imply (pending and in-flight orders hold their units, paid
 * ones sold them, cancelled ones gave them back). A difference counts only when two observations
 * {@code confirm-after} apart both show it (an order between Redis and PostgreSQL shows as a difference that moves).
 * Confirmed drift is exported as gauges, listed by the admin endpoint, and repaired: each counter moves by the
 * difference (lua/repair_stock.lua, so concurrent reservations are kept, never below zero), a pending order's lost
 * hold is written again, and every repair is a {@code stock_repair} row.
 */
@ApplicationScoped
public class StockReconciliation {

    private static final String LOCK = "stock:" + InventoryKeys.PARTITION + ":reconciliation-lock";
    private static final Duration LOCK_TTL = Duration.ofMinutes(5);

    private final StockTruth truth;
    private final StockRebuild rebuild;
    private final OrderHolds holds;
    private final InventoryConfig inventory;
    private final OrderStreamBacklog backlog;
    private final StockTrust trust;
    private final StockRepairLog log;
    private final RecoveryConfig config;
    private final StockFence fence;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicLong driftUnits = new AtomicLong();
    private final AtomicLong driftingHashes = new AtomicLong();
    private volatile ReconciliationReport last;

    public StockReconciliation(StockTruth truth, StockRebuild rebuild, OrderHolds holds, InventoryConfig inventory,
                               OrderStreamBacklog backlog,
                               StockTrust trust, StockRepairLog log, RecoveryConfig config, StockFence fence,
                               Vertx vertx, Clock clock, MeterRegistry meters) {
        this.truth = truth;
        this.rebuild = rebuild;
        this.holds = holds;
        this.inventory = inventory;
        this.backlog = backlog;
        this.trust = trust;
        this.log = log;
        this.config = config;
        this.fence = fence;
        this.vertx = vertx;
        this.clock = clock;
        Gauge.builder("flashorder.stock.drift.units", driftUnits, AtomicLong::get)
                .description("Units by which Redis' stock counters differed from PostgreSQL at the last reconciliation")
                .register(meters);
        Gauge.builder("flashorder.stock.drift.hashes", driftingHashes, AtomicLong::get)
                .description("SKU and campaign stock hashes with confirmed drift at the last reconciliation")
                .register(meters);
    }

    /** The last report of this pod, if it ran one. */
    public ReconciliationReport last() {
        return last;
    }

    @Scheduled(identity = "stock-reconciliation", every = "${flashorder.recovery.reconcile-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        return run(config.repair()).replaceWithVoid();
    }

    /** Runs now (unless the stock is being recovered or another pod is reconciling); repairs only if asked. */
    public Uni<ReconciliationReport> run(boolean repair) {
        UUID runId = Ids.newId();
        Instant at = clock.instant();
        if (!trust.acceptsPlacements()) {
            return Uni.createFrom().item(remember(ReconciliationReport.skipped(runId, at,
                    "the stock is not trusted now (" + trust.reason() + ")")));
        }
        if (backlog.current() > config.maxInFlight()) {
            return Uni.createFrom().item(remember(ReconciliationReport.skipped(runId, at,
                    backlog.current() + " orders are on their way to PostgreSQL")));
        }
        String owner = "reconciliation-" + runId;
        return fence.lock(LOCK, "acquire", owner, LOCK_TTL)
                .chain(leader -> !leader
                        ? Uni.createFrom().item(ReconciliationReport.skipped(runId, at, "another pod is reconciling"))
                        : reconcile(runId, at, repair)
                                .onTermination().call(() -> fence.lock(LOCK, "release", owner, LOCK_TTL)
                                        .onFailure().recoverWithNull()))
                .invoke(this::remember)
                .onFailure().invoke(failure -> Log.warnf("Stock reconciliation %s failed: %s", runId, failure.toString()));
    }

    private ReconciliationReport remember(ReconciliationReport report) {
        last = report;
        if (!"SKIPPED".equals(report.status())) {
            driftUnits.set(report.driftUnits());
            driftingHashes.set(report.drift().stream().map(ReconciliationReport.Drift::key).distinct().count());
        }
        return report;
    }

    /** What one look at both sides showed. */
    private record Observation(StockTruth.Truth truth, StockHashes hashes, Map<String, List<StockDrift.Field>> drift,
                               List<String> invariantBreaks, Set<UUID> missingHolds,
                               Map<UUID, OrderLedger.Verdict> staleHolds) {
    }

    private Uni<ReconciliationReport> reconcile(UUID runId, Instant at, boolean repair) {
        return observe().chain(first -> {
            if (first.drift().isEmpty() && first.missingHolds().isEmpty() && first.staleHolds().isEmpty()
                    && first.invariantBreaks().isEmpty()) {
                return Uni.createFrom().item(report(runId, at, first, Map.of(), Set.of(), Set.of()));
            }
            return EventLoopPause.of(config.confirmAfter(), vertx).chain(this::observe).chain(second -> {
                Map<String, List<StockDrift.Field>> confirmed = confirmed(first, second);
                Set<UUID> lostHolds = new HashSet<>(first.missingHolds());
                lostHolds.retainAll(second.missingHolds());
                Map<UUID, OrderLedger.Verdict> staleHolds = new HashMap<>(second.staleHolds());
                staleHolds.keySet().retainAll(first.staleHolds().keySet());
                if (!repair || confirmed.isEmpty() && lostHolds.isEmpty() && staleHolds.isEmpty()) {
                    return Uni.createFrom().item(report(runId, at, second, confirmed, Set.of(), Set.of()));
                }
                return repair(runId, second, confirmed, lostHolds, staleHolds);
            });
        });
    }

    private Uni<Observation> observe() {
        return truth.read(StockTruth.Mode.HOLDS).chain(read -> {
            StockHashes hashes = StockHashes.of(read.expected());
            return rebuild.counters(hashes.keys()).map(observed -> {
                Map<String, List<StockDrift.Field>> drift = new HashMap<>();
                List<String> breaks = new ArrayList<>();
                for (StockHashes.Hash hash : hashes.all()) {
                    Map<String, Long> redisFields = observed.getOrDefault(hash.key(), Map.of());
                    List<StockDrift.Field> fields = StockDrift.fields(hash.expected(), redisFields);
                    if (!fields.isEmpty()) {
                        drift.put(hash.key(), fields);
                    }
                    (hash.campaign() ? StockDrift.campaignInvariantBreaks(redisFields)
                            : StockDrift.skuInvariantBreaks(redisFields))
                            .forEach(problem -> breaks.add(hash.key() + ": " + problem));
                }
                Set<UUID> missing = new HashSet<>();
                Map<UUID, OrderLedger.Verdict> stale = new HashMap<>();
                for (StockTruth.HoldFix fix : read.holdFixes()) {
                    if (fix.verdict() == OrderLedger.Verdict.HELD) {
                        missing.add(fix.orderId());
                    } else if (fix.order() == null) {
                        stale.put(fix.orderId(), fix.verdict()); // settled in PostgreSQL, pending in Redis
                    }
                }
                return new Observation(read, hashes, drift, breaks, missing, stale);
            });
        });
    }

    /** The fields that drifted by the same amount in both observations. */
    private static Map<String, List<StockDrift.Field>> confirmed(Observation first, Observation second) {
        Map<String, List<StockDrift.Field>> confirmed = new HashMap<>();
        second.drift().forEach((key, fields) -> {
            Map<String, Long> before = new HashMap<>();
            first.drift().getOrDefault(key, List.of()).forEach(field -> before.put(field.field(), field.delta()));
            List<StockDrift.Field> same = fields.stream()
                    .filter(field -> Long.valueOf(field.delta()).equals(before.get(field.field()))).toList();
            if (!same.isEmpty()) {
                confirmed.put(key, same);
            }
        });
        return confirmed;
    }

    private Uni<ReconciliationReport> repair(UUID runId, Observation observation,
                                             Map<String, List<StockDrift.Field>> confirmed, Set<UUID> lostHolds,
                                             Map<UUID, OrderLedger.Verdict> staleHolds) {
        List<StockRepairLog.Change> changes = Collections.synchronizedList(new ArrayList<>());
        Set<String> repairedKeys = Collections.synchronizedSet(new HashSet<>());
        Set<UUID> restored = Collections.synchronizedSet(new HashSet<>());
        Map<String, StockHashes.Hash> byKey = new HashMap<>();
        observation.hashes().all().forEach(hash -> byKey.put(hash.key(), hash));
        Map<UUID, OrderLedger.Order> pending = new HashMap<>();
        Map<UUID, OrderSlot> slots = new HashMap<>();
        observation.truth().holdFixes().forEach(fix -> {
            slots.put(fix.orderId(), fix.slot());
            if (fix.order() != null) {
                pending.put(fix.orderId(), fix.order());
            }
        });
        // Holds first: once a lost pending hold is back, the order's later release or commit moves its units.
        return Multi.createFrom().iterable(lostHolds)
                .onItem().transformToUniAndConcatenate(id -> holds.restorePending(slots.get(id), id, pending.get(id).stock().userId(),
                        pending.get(id).paymentDeadline()).invoke(done -> {
                    if (done) {
                        restored.add(id);
                        changes.add(new StockRepairLog.Change(null, null, null, id, "hold", null, null, null,
                                "pending hold written again from PostgreSQL"));
                    }
                }))
                .collect().last()
                // A hold Redis still counts as pending for an order PostgreSQL settled: it says what PostgreSQL
                // decided (its counters are compared with PostgreSQL's verdict already).
                .chain(() -> Multi.createFrom().iterable(staleHolds.entrySet())
                        .onItem().transformToUniAndConcatenate(stale -> holds.markSettled(slots.get(stale.getKey()),
                                stale.getKey(), stale.getValue().holdStatus(), inventory.settledHoldTtl()).invoke(() -> changes.add(
                                new StockRepairLog.Change(null, null, null, stale.getKey(), "hold", null, null, null,
                                        "hold marked " + stale.getValue().holdStatus() + " as PostgreSQL decided"))))
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(confirmed.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> rebuild.repair(byKey.get(entry.getKey()).slot(),
                                        entry.getKey(), entry.getValue())
                                .invoke(outcome -> {
                                    StockHashes.Hash hash = byKey.get(entry.getKey());
                                    for (StockDrift.Field field : entry.getValue()) {
                                        changes.add(hash.change(field, outcome.repaired() ? field.delta() : 0L,
                                                outcome.repaired() ? "repaired from PostgreSQL"
                                                        : "not repaired: " + outcome.refusal()));
                                    }
                                    if (outcome.repaired()) {
                                        repairedKeys.add(entry.getKey());
                                    } else {
                                        Log.errorf("Stock drift of %s not repaired: %s", entry.getKey(), outcome.refusal());
                                    }
                                }))
                        .collect().last())
                .call(() -> log.record(runId, StockRepairLog.Source.RECONCILIATION, changes, clock.instant()))
                .map(ignored -> {
                    ReconciliationReport report = report(runId, clock.instant(), observation, confirmed, repairedKeys,
                            restored);
                    Log.warnf("Stock reconciliation %s repaired %d hash(es) and %d hold(s) from PostgreSQL: %s", runId,
                            repairedKeys.size(), restored.size(), report.drift());
                    return report;
                });
    }

    private static ReconciliationReport report(UUID runId, Instant at, Observation observation,
                                               Map<String, List<StockDrift.Field>> confirmed, Set<String> repairedKeys,
                                               Set<UUID> restoredHolds) {
        Map<String, StockHashes.Hash> byKey = new HashMap<>();
        observation.hashes().all().forEach(hash -> byKey.put(hash.key(), hash));
        List<ReconciliationReport.Drift> drift = new ArrayList<>();
        long units = 0;
        for (Map.Entry<String, List<StockDrift.Field>> entry : confirmed.entrySet()) {
            StockHashes.Hash hash = byKey.get(entry.getKey());
            for (StockDrift.Field field : entry.getValue()) {
                StockRepairLog.Change change = hash.change(field, null, null);
                boolean repaired = repairedKeys.contains(entry.getKey());
                drift.add(new ReconciliationReport.Drift(entry.getKey(), change.skuId(), change.warehouseId(),
                        change.campaignId(), change.field(), field.observed(), field.expected(), repaired,
                        field.expected() < 0 ? "oversold: PostgreSQL has more orders than units were loaded" : null));
                units += Math.abs(field.delta());
            }
        }
        drift.sort(java.util.Comparator.comparing(ReconciliationReport.Drift::key)
                .thenComparing(ReconciliationReport.Drift::field));
        boolean consistent = drift.isEmpty() && observation.invariantBreaks().isEmpty()
                && observation.missingHolds().isEmpty() && observation.staleHolds().isEmpty();
        return new ReconciliationReport(runId, at, consistent ? "CONSISTENT" : "DRIFT", null,
                observation.hashes().all().size(), observation.truth().inFlight(), List.copyOf(drift),
                List.copyOf(observation.invariantBreaks()), List.copyOf(restoredHolds), units);
    }
}
