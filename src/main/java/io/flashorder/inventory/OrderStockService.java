package io.flashorder.inventory;

import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settles an order's reservation in Redis after PostgreSQL decided its fate: commit (paid: held to sold), release
 * (cancelled: held back to available) or revive (paid after cancellation). Each is one script, idempotent by the
 * order id (the hold's status is the marker), so a retry or the settlement timer may run it again safely. A script
 * that finds no hold, or counters that cannot cover the order, changes nothing: that is counted
 * ({@code flashorder_stock_settlement_anomalies_total}) and logged, and left to recovery and the reconciliation.
 * While a recovery rebuilds the stock every script refuses and these methods fail with
 * {@link StockRecoveringException}.
 *
 * <p>Callers pass the campaign's per-user limit (the catalog owns it; inventory sits below the catalog), 0 for none.
 */
@ApplicationScoped
public class OrderStockService {

    private static final LuaScript COMMIT = LuaScript.load("commit_order");
    private static final LuaScript RELEASE = LuaScript.load("release_order");
    private static final LuaScript REVIVE = LuaScript.load("revive_order");
    private static final LuaScript RELEASE_BUYER_UNITS = LuaScript.load("release_buyer_units");
    private static final LuaScript COUNT_REVIVED = LuaScript.load("bucket_count_revived");
    private static final LuaScript UNCOUNT_REVIVED = LuaScript.load("bucket_uncount_revived");
    private static final String NO_CAMPAIGN = "none";

    private final RedisScripts scripts;
    private final InventoryConfig inventory;
    private final MeterRegistry meters;
    private final ReactiveHashCommands<String, String, String> holds;

    public OrderStockService(RedisScripts scripts, InventoryConfig inventory, MeterRegistry meters,
                             ReactiveRedisDataSource redis) {
        this.holds = redis.hash(String.class, String.class, String.class);
        this.scripts = scripts;
        this.inventory = inventory;
        this.meters = meters;
    }

    /** Held → sold, coupons USED, hold PAID. */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 3000, skipOn = StockRecoveringException.class)
    public Uni<StockSettlement> commit(OrderStock stock, int perUserLimit) {
        return run(COMMIT, stock, perUserLimit);
    }

    /** Held → available in the same warehouses, campaign units and coupons back, hold RELEASED. */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 3000, skipOn = StockRecoveringException.class)
    public Uni<StockSettlement> release(OrderStock stock, int perUserLimit) {
        return run(RELEASE, stock, perUserLimit);
    }

    /**
     * A bucketed order another bucket than the buyer's home held counted the buyer's units at home: after its release
     * (now or before: the marker makes this once per order), they go back there.
     */
    private Uni<Response> releaseBuyerUnits(OrderStock stock, Response released) {
        if (released.size() < 3 || released.get(1).toString().isEmpty()) {
            return Uni.createFrom().item(released);
        }
        OrderSlot home = OrderSlot.of(Integer.parseInt(released.get(1).toString()));
        String campaign = stock.campaignId() == null ? NO_CAMPAIGN : stock.campaignId().toString();
        return scripts.run(RELEASE_BUYER_UNITS, List.of(InventoryKeys.buyerUnitsReleased(home, stock.orderId()),
                                InventoryKeys.campaignBuyers(home, campaign)),
                        List.of(stock.userId(), released.get(2).toString(),
                                Long.toString(inventory.settledHoldTtl().toSeconds())))
                .replaceWith(released);
    }

    /**
     * Sells a cancelled order its units again if they are still there (all or nothing). A bucketed order another
     * bucket than the buyer's home held has the buyer's units counted at home again first, under the per-buyer limit
     * (refused, as UNAVAILABLE, when they no longer fit), and given back there if the units are gone.
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = StockRecoveringException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 3000, skipOn = StockRecoveringException.class)
    public Uni<StockSettlement> revive(OrderStock stock, int perUserLimit) {
        if (stock.campaignId() == null) {
            return run(REVIVE, stock, perUserLimit);
        }
        return holds.hmget(OrderKeys.hold(stock.slot(), stock.orderId()), "home", "homeUnits").chain(hold -> {
            String home = hold.get("home");
            return home == null || home.isEmpty() ? run(REVIVE, stock, perUserLimit)
                    : reviveCountedAtHome(stock, perUserLimit, OrderSlot.of(Integer.parseInt(home)),
                    hold.get("homeUnits"));
        });
    }

    private Uni<StockSettlement> reviveCountedAtHome(OrderStock stock, int perUserLimit, OrderSlot home, String units) {
        String buyers = InventoryKeys.campaignBuyers(home, stock.campaignId().toString());
        String counted = InventoryKeys.buyerUnitsRevived(home, stock.orderId());
        return scripts.run(COUNT_REVIVED, List.of(InventoryKeys.buyerUnitsReleased(home, stock.orderId()), buyers,
                        counted), List.of(stock.userId(), units, Integer.toString(perUserLimit),
                        Long.toString(inventory.settledHoldTtl().toSeconds())))
                .chain(verdict -> {
                    if (!"COUNTED".equals(verdict.toString())) {
                        Log.infof("Order %s cannot be revived: its buyer's campaign units no longer fit the limit in "
                                + "its home slot %s", stock.orderId(), home);
                        return Uni.createFrom().item(StockSettlement.UNAVAILABLE);
                    }
                    return run(REVIVE, stock, perUserLimit).call(settlement -> settlement == StockSettlement.REVIVED
                            || settlement == StockSettlement.ALREADY ? Uni.createFrom().voidItem()
                            : scripts.run(UNCOUNT_REVIVED, List.of(counted, buyers), List.of(stock.userId())));
                });
    }

    private Uni<StockSettlement> run(LuaScript script, OrderStock stock, int perUserLimit) {
        List<UUID> skus = stock.skus().stream().map(OrderStock.Units::skuId).toList();
        String campaign = stock.campaignId() == null ? NO_CAMPAIGN : stock.campaignId().toString();
        OrderSlot slot = stock.slot();
        List<String> keys = new ArrayList<>();
        keys.add(OrderKeys.hold(slot, stock.orderId()));
        keys.add(OrderKeys.deadlines(slot));
        keys.add(InventoryKeys.campaign(slot, campaign));
        keys.add(InventoryKeys.campaignBuyers(slot, campaign));
        skus.forEach(sku -> keys.add(InventoryKeys.sku(slot, sku)));
        stock.couponIds().forEach(coupon -> keys.add(CouponKeys.coupon(coupon)));

        List<String> args = new ArrayList<>();
        args.add(stock.orderId().toString());
        args.add(stock.userId());
        args.add(Long.toString(inventory.settledHoldTtl().toSeconds()));
        args.add(stock.campaignId() == null ? "" : campaign);
        args.add(Integer.toString(skus.size()));
        args.add(Integer.toString(stock.allocations().size()));
        args.add(Integer.toString(stock.couponIds().size()));
        args.add(Integer.toString(stock.campaignId() == null ? 0 : perUserLimit));
        stock.skus().forEach(units -> {
            args.add(units.skuId().toString());
            args.add(Integer.toString(units.quantity()));
        });
        stock.allocations().forEach(share -> {
            int index = skus.indexOf(share.skuId());
            if (index < 0) {
                throw new IllegalArgumentException("Allocation of SKU " + share.skuId() + " outside the order's SKUs");
            }
            args.add(Integer.toString(index + 1));
            args.add(share.warehouseId().toString());
            args.add(Integer.toString(share.quantity()));
        });
        args.addAll(stock.couponIds());
        keys.add(PointsKeys.accountFor(slot, stock.userId()));
        keys.add(InventoryKeys.recoveryFence(slot));
        return scripts.run(script, keys, args)
                .chain(response -> script == RELEASE && List.of("RELEASED", "ALREADY").contains(response.get(0).toString())
                        ? releaseBuyerUnits(stock, response) : Uni.createFrom().item(response))
                .map(response -> outcome(script, stock, response));
    }

    private StockSettlement outcome(LuaScript script, OrderStock stock, Response response) {
        String verdict = response.get(0).toString();
        StockSettlement settlement = switch (verdict) {
            case "COMMITTED" -> StockSettlement.COMMITTED;
            case "RELEASED" -> script == COMMIT ? StockSettlement.ALREADY_RELEASED : StockSettlement.RELEASED;
            case "REVIVED" -> StockSettlement.REVIVED;
            case "ALREADY" -> StockSettlement.ALREADY;
            case "PAID" -> StockSettlement.ALREADY_SOLD;
            case "UNAVAILABLE" -> StockSettlement.UNAVAILABLE;
            case "UNKNOWN" -> StockSettlement.UNKNOWN;
            case "MISSING" -> StockSettlement.MISSING;
            case "SHORT" -> StockSettlement.SHORT;
            case "RECOVERING" -> throw new StockRecoveringException(
                    "The stock is being rebuilt from PostgreSQL; order " + stock.orderId() + " is settled afterwards");
            default -> throw new IllegalStateException("Unknown " + script.name() + " verdict " + verdict);
        };
        switch (settlement) {
            case UNAVAILABLE -> Log.infof("Order %s cannot be revived: %s", stock.orderId(), response.get(1));
            case MISSING -> {
                countAnomaly(script, "missing-hold");
                Log.warnf("Order %s: %s found no hold in Redis and moved nothing; recovery and the reconciliation "
                        + "make its units agree with PostgreSQL", stock.orderId(), script.name());
            }
            case SHORT -> {
                countAnomaly(script, "counter-short");
                Log.errorf("Order %s: %s moved nothing, %s %s has %s units where the order needs %s; the "
                                + "reconciliation repairs the counters, then the settlement timer runs it again",
                        stock.orderId(), script.name(), response.get(1), response.get(2), response.get(3),
                        response.get(4));
            }
            default -> { }
        }
        return settlement;
    }

    private void countAnomaly(LuaScript script, String kind) {
        meters.counter("flashorder.stock.settlement.anomalies", "script", script.name(), "kind", kind).increment();
    }
}
