package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.PendingFallback;
import io.flashorder.inventory.bucket.PendingFallbacks;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Finishes bucketed fallbacks whose walk was cut short: a pod that died between the home call (the buyer's units
 * counted, the key pending) and {@code settle_fallback.lua} leaves the buyer unable to order again with another key
 * until it retries with the same one. After {@link FallbackSweepConfig#age()}, the sweeper walks the donor buckets in
 * the walk's order and asks each, atomically, whether it holds the order or else records its refusal (as a donor
 * refusing it would), so a slow live walk that comes later cannot be served behind its back. Then it settles the home
 * HELD (the key replays the order a donor holds) or REFUSED (the counted units go back, the key is forgotten). A live
 * walk settling at the same time is harmless: the first settlement decides, the other one changes nothing.
 * Every pod sweeps; a claim re-scores the fallback, so two pods do not walk the same one.
 */
@ApplicationScoped
public class PendingFallbackSweeper {

    private final PendingFallbacks fallbacks;
    private final CatalogSnapshotService catalog;
    private final FallbackSweepConfig config;

    public PendingFallbackSweeper(PendingFallbacks fallbacks, CatalogSnapshotService catalog,
                                  FallbackSweepConfig config) {
        this.fallbacks = fallbacks;
        this.catalog = catalog;
        this.config = config;
    }

    @Scheduled(identity = "pending-fallback-sweep", every = "${flashorder.checkout.fallback-sweep.every}",
            delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep(config.age()).onFailure()
                .invoke(failure -> Log.warnf("Pending bucket fallbacks not swept: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sweeps every slot's fallbacks pending longer than {@code age}; emits how many it settled now. */
    public Uni<Integer> sweep(Duration age) {
        return Multi.createFrom().iterable(OrderSlot.all())
                .onItem().transformToUniAndConcatenate(home -> fallbacks.claimDue(home, age, config.batchSize())
                        .chain(due -> Multi.createFrom().iterable(due)
                                .onItem().transformToUniAndConcatenate(pending -> finish(home, pending))
                                .collect().asList()))
                .collect().asList()
                .map(slots -> (int) slots.stream().flatMap(List::stream).filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> finish(OrderSlot home, PendingFallback pending) {
        return fallbacks.pendingRequestHash(pending).chain(hash -> hash.isEmpty()
                // settled meanwhile (or the record expired): the settlement only takes it off the list
                ? fallbacks.settle(home, pending, "", false).replaceWith(false)
                : walk(home, pending, hash.get(), donorsOf(home, pending)).chain(heldBy -> fallbacks.settle(home,
                        pending, hash.get(), heldBy != null).invoke(verdict -> Log.infof(
                        "Swept the fallback of order %s (buyer %s, home %s): %s%s", pending.orderId(),
                        pending.userId(), home, verdict, heldBy == null ? "" : " in " + heldBy))
                        .map(verdict -> !"SETTLED".equals(verdict))));
    }

    /** Asks the donors in the walk's order; emits the one holding the order, or null when every one refused it. */
    private Uni<OrderSlot> walk(OrderSlot home, PendingFallback pending, String requestHash, List<OrderSlot> donors) {
        if (donors.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        OrderSlot donor = donors.getFirst();
        return fallbacks.heldBy(donor, pending, requestHash).chain(held -> held ? Uni.createFrom().item(donor)
                : walk(home, pending, requestHash, donors.subList(1, donors.size())));
    }

    /**
     * The buckets the walk asks, as {@link StockRoute#donors()}: the bucket count is fixed once stock is loaded. A
     * campaign no longer in the catalog is asked in every other slot (a slot that never held it refuses).
     */
    private List<OrderSlot> donorsOf(OrderSlot home, PendingFallback pending) {
        int buckets = catalog.current().campaign(pending.campaignId())
                .map(campaign -> campaign.stockBuckets(pending.skuId())).orElse(OrderSlot.COUNT);
        return new StockRoute(buckets, home).donors();
    }
}
