package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryConfig;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderStock;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.StockDrift;
import io.flashorder.inventory.StockFence;
import io.flashorder.inventory.StockRebuild;
import io.flashorder.order.OrderHolds;
import io.flashorder.order.writer.OrderStream;
import io.flashorder.platform.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rebuilds the stock in Redis from PostgreSQL after Redis came back with less than it had. Under the recovery fence
 * (one pod at a time, and no stock script moves a counter meanwhile), with the epoch dropped first (so no
 * reservation is accepted until the end): every SKU's and campaign's counters and every campaign's units per buyer
 * are rewritten from the stock loads and the orders (PostgreSQL's, and those only Redis has so far), the holds of
 * pending orders Redis lost are written again, the holds of decided orders say what PostgreSQL decided, coupons
 * follow their orders, no slot's placed-orders stream will ever reuse an id PostgreSQL has seen, and every change is an
 * audit row. Then the next epoch, the reservation script, and the fence goes.
 */
@ApplicationScoped
public class StockRecovery {

    /** What a recovery did. */
    public record Report(UUID runId, String reason, String outcome, Instant startedAt, Instant finishedAt,
                         int skus, int campaigns, int inFlightOrders, int holdsRestored, int holdsSettled,
                         int countersChanged, List<String> oversold, Long epoch) {
    }

    private final StockFence fence;
    private final StockRebuild rebuild;
    private final StockTruth truth;
    private final OrderHolds holds;
    private final OrderStream stream;
    private final StockEpochRepository epochs;
    private final StockRepairLog log;
    private final ReservationService reservations;
    private final SoldOutCache soldOut;
    private final InventoryConfig inventory;
    private final RecoveryConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final Counter recoveries;
    private volatile Report last;

    public StockRecovery(StockFence fence, StockRebuild rebuild, StockTruth truth, OrderHolds holds, OrderStream stream,
                         StockEpochRepository epochs, StockRepairLog log, ReservationService reservations,
                         SoldOutCache soldOut, InventoryConfig inventory, RecoveryConfig config, Vertx vertx,
                         Clock clock, MeterRegistry meters) {
        this.fence = fence;
        this.rebuild = rebuild;
        this.truth = truth;
        this.holds = holds;
        this.stream = stream;
        this.epochs = epochs;
        this.log = log;
        this.reservations = reservations;
        this.soldOut = soldOut;
        this.inventory = inventory;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.recoveries = Counter.builder("flashorder.stock.recoveries")
                .description("Rebuilds of the stock in Redis from PostgreSQL").register(meters);
    }

    /** The last recovery this pod ran, if any. */
    public Report last() {
        return last;
    }

    /**
     * Rebuilds the stock, unless another pod holds the fence (then emits a report saying so and changes nothing).
     * On failure the fence is released and the epoch stays dropped, so reservations stay refused and the next
     * verification recovers again.
     */
    public Uni<Report> recover(String reason) {
        UUID runId = Ids.newId();
        String owner = "recovery-" + runId;
        Instant started = clock.instant();
        return fence.acquire(owner, config.fenceTtl()).chain(acquired -> {
            if (!acquired) {
                return Uni.createFrom().item(new Report(runId, reason, "ANOTHER_POD_RECOVERING", started, clock.instant(),
                        0, 0, 0, 0, 0, 0, List.of(), null));
            }
            Log.warnf("Stock recovery %s started: %s", runId, reason);
            long renewal = vertx.setPeriodic(Math.max(1000, config.fenceTtl().toMillis() / 3), id ->
                    fence.renew(owner, config.fenceTtl()).subscribe().with(
                            held -> {
                                if (!held) {
                                    Log.errorf("Stock recovery %s lost its fence; another pod may be recovering", runId);
                                }
                            },
                            failure -> Log.warnf("Stock recovery %s could not renew its fence: %s", runId, failure)));
            return fence.dropEpoch()
                    .chain(() -> rebuild(runId, reason, started))
                    .call(() -> fence.release(owner))
                    .onTermination().invoke(() -> vertx.cancelTimer(renewal))
                    .onFailure().call(failure -> {
                        Log.errorf(failure, "Stock recovery %s failed; reservations stay refused until it succeeds", runId);
                        return fence.release(owner).onFailure().recoverWithNull();
                    })
                    .invoke(report -> {
                        last = report;
                        recoveries.increment();
                        soldOut.clear();
                        Log.warnf("Stock recovery %s done in %d ms: %d SKU(s), %d campaign(s), %d order(s) in flight, "
                                        + "%d hold(s) restored, %d hold(s) settled, %d counter(s) changed, epoch %d%s",
                                runId, report.finishedAt().toEpochMilli() - started.toEpochMilli(), report.skus(),
                                report.campaigns(), report.inFlightOrders(), report.holdsRestored(),
                                report.holdsSettled(), report.countersChanged(), report.epoch(),
                                report.oversold().isEmpty() ? "" : "; OVERSOLD: " + report.oversold());
                    });
        });
    }

    private Uni<Report> rebuild(UUID runId, String reason, Instant started) {
        return truth.read(StockTruth.Mode.POSTGRES).chain(read -> {
            StockHashes hashes = StockHashes.of(read.expected());
            List<StockRepairLog.Change> changes = Collections.synchronizedList(new ArrayList<>());
            List<String> oversold = Collections.synchronizedList(new ArrayList<>());
            return rebuild.counters(hashes.keys())
                    .chain(observed -> Multi.createFrom().iterable(hashes.all())
                            .onItem().transformToUniAndConcatenate(hash -> rewrite(hash,
                                    observed.getOrDefault(hash.key(), Map.of()), changes, oversold))
                            .collect().last())
                    .chain(() -> Multi.createFrom().iterable(read.expected().campaignIds())
                            .onItem().transformToUniAndConcatenate(campaign -> rewriteBuyers(campaign,
                                    read.expected().campaignBuyers(campaign), changes))
                            .collect().last())
                    .chain(() -> fixHolds(read, changes))
                    .chain(holdCounts -> coupons(read)
                            .chain(() -> epochs.marks())
                            .chain(marks -> raiseStreamFloors(marks)
                                    .chain(() -> fence.epoch())
                                    .chain(redisEpoch -> epochs.advance(Math.max(marks.epoch().orElse(0L),
                                            redisEpoch.orElse(0L)) + 1, clock.instant())))
                            .call(epoch -> log.record(runId, StockRepairLog.Source.RECOVERY, changes, clock.instant()))
                            .call(fence::writeEpoch)
                            .call(reservations::prepare)
                            .map(epoch -> new Report(runId, reason, "RECOVERED", started, clock.instant(),
                                    read.expected().skuIds().size(), read.expected().campaignIds().size(),
                                    read.inFlight(), holdCounts[0], holdCounts[1], changes.size(), List.copyOf(oversold),
                                    epoch)));
        });
    }

    /** Each slot's stream will never again hand out an id at or below what PostgreSQL has from it. */
    private Uni<Void> raiseStreamFloors(StockEpochRepository.Marks marks) {
        return Multi.createFrom().iterable(marks.watermarks().entrySet())
                .onItem().transformToUniAndConcatenate(watermark -> stream.raiseLastIdTo(watermark.getKey(),
                        watermark.getValue()))
                .collect().last().replaceWithVoid();
    }

    /** Replaces one hash with its expected fields; a warehouse below zero (oversold) is written as zero. */
    private Uni<Void> rewrite(StockHashes.Hash hash, Map<String, Long> observed, List<StockRepairLog.Change> changes,
                              List<String> oversold) {
        Map<String, Long> target = new TreeMap<>(hash.expected());
        if (!hash.campaign()) {
            long available = 0;
            for (Map.Entry<String, Long> field : target.entrySet()) {
                if (field.getKey().startsWith("wh:")) {
                    if (field.getValue() < 0) {
                        oversold.add(hash.skuId() + " " + field.getKey() + " " + field.getValue());
                        field.setValue(0L);
                    }
                    available += field.getValue();
                }
            }
            target.put(InventoryKeys.AVAILABLE, available);
        } else {
            target.replaceAll((field, value) -> {
                if (value < 0) {
                    oversold.add(hash.campaignId() + " " + field + " " + value);
                    return 0L;
                }
                return value;
            });
        }
        for (StockDrift.Field field : StockDrift.fields(target, observed)) {
            changes.add(hash.change(field, field.delta(), "rebuilt from PostgreSQL"));
        }
        return rebuild.replace(hash.key(), target);
    }

    /** Replaces a campaign's units per buyer; each buyer whose count changes is an audit row. */
    private Uni<Void> rewriteBuyers(UUID campaign, Map<String, Long> expected, List<StockRepairLog.Change> changes) {
        String key = InventoryKeys.campaignBuyers(campaign.toString());
        return rebuild.counters(key).chain(observed -> {
            for (StockDrift.Field field : StockDrift.fields(expected, observed)) {
                changes.add(new StockRepairLog.Change(null, null, campaign, null, "units of buyer " + field.field(),
                        field.observed(), field.expected(), field.delta(), "rebuilt from PostgreSQL"));
            }
            return rebuild.replace(key, expected);
        });
    }

    /** Emits {restored, settled}. */
    private Uni<int[]> fixHolds(StockTruth.Truth read, List<StockRepairLog.Change> changes) {
        int[] counts = new int[2];
        return Multi.createFrom().iterable(read.holdFixes())
                .onItem().transformToUniAndConcatenate(fix -> {
                    if (fix.verdict() == OrderLedger.Verdict.HELD) {
                        return holds.restorePending(fix.slot(), fix.orderId(), fix.order().stock().userId(),
                                fix.order().paymentDeadline()).invoke(restored -> {
                            if (restored) {
                                counts[0]++;
                                changes.add(new StockRepairLog.Change(null, null, null, fix.orderId(), "hold", null,
                                        null, null, "pending hold written again from PostgreSQL"));
                            }
                        }).replaceWithVoid();
                    }
                    return holds.markSettled(fix.slot(), fix.orderId(), fix.verdict().holdStatus(),
                                    inventory.settledHoldTtl())
                            .invoke(() -> {
                                counts[1]++;
                                changes.add(new StockRepairLog.Change(null, null, null, fix.orderId(), "hold", null,
                                        null, null, "hold marked " + fix.verdict().holdStatus() + " as PostgreSQL decided"));
                            });
                })
                .collect().last().replaceWith(counts);
    }

    /** Coupons of the orders still moving follow them: locked while held, used once sold, free once released. */
    private Uni<Void> coupons(StockTruth.Truth read) {
        return Multi.createFrom().iterable(read.counted().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    OrderStock order = read.orders().get(entry.getKey());
                    String state = switch (entry.getValue()) {
                        case HELD -> "LOCKED";
                        case SOLD -> "USED";
                        case RELEASED -> "AVAILABLE";
                    };
                    return Multi.createFrom().iterable(order.couponIds())
                            .onItem().transformToUniAndConcatenate(coupon ->
                                    rebuild.couponFollowsOrder(coupon, order.orderId().toString(), state))
                            .collect().last().replaceWithVoid();
                })
                .collect().last().replaceWithVoid();
    }
}
