package io.flashorder.inventory;

import io.flashorder.platform.EventLoopTimeout;
import io.flashorder.platform.redis.CoalescedGets;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.platform.redis.ScriptNotLoadedException;
import io.flashorder.risk.RiskConfig;
import io.flashorder.risk.RiskKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs the one-round-trip reservation (lua/reserve_order.lua): the only place where an order takes stock.
 * A slow or unreachable Redis fails fast (timeout, then an open circuit) so checkout answers 503 at once.
 */
@Singleton
public class ReservationService {

    private static final LuaScript RESERVE_ORDER = LuaScript.load("reserve_order");
    private static final LuaScript SETTLE_FALLBACK = LuaScript.load("settle_fallback");
    private static final String NO_CAMPAIGN = "none";

    private final RedisScripts scripts;
    private final SoldOutCache soldOut;
    private final RiskConfig risk;
    private final MeterRegistry meters;
    private final Clock clock;
    private final InventoryConfig inventory;
    private final Vertx vertx;
    private final StockTrust trust;
    private final CoalescedGets gets;

    public ReservationService(RedisScripts scripts, SoldOutCache soldOut, RiskConfig risk, MeterRegistry meters,
                              Clock clock, InventoryConfig inventory, Vertx vertx, StockTrust trust,
                              CoalescedGets gets) {
        this.trust = trust;
        this.gets = gets;
        this.scripts = scripts;
        this.soldOut = soldOut;
        this.risk = risk;
        this.meters = meters;
        this.clock = clock;
        this.inventory = inventory;
        this.vertx = vertx;
    }

    /**
     * The timeout is an event-loop timer rather than {@code @Timeout}: fault tolerance's timer thread is woken for
     * every call, which cost about a twentieth of a placement's CPU at flash-sale rates. Timeouts still count as
     * failures for the circuit breaker, so it opens only when most of a burst's calls fail (a Redis that is down or
     * hung), not when a CPU-starved pod reads some answers late (checkout then finds the order the script placed);
     * a window of 200 calls is still a fraction of a second of a flash sale. Open, it refuses for a second, the
     * Retry-After buyers get.
     */
    @CircuitBreaker(requestVolumeThreshold = 200, failureRatio = 0.75, delay = 1000, successThreshold = 2)
    public Uni<ReservationOutcome> reserve(Reservation reservation) {
        long windowSeconds = Math.max(1, risk.placementWindow().toSeconds());
        long window = clock.millis() / 1000 / windowSeconds;
        String campaign = reservation.campaignId() == null ? NO_CAMPAIGN : reservation.campaignId().toString();

        OrderSlot slot = reservation.slot();
        List<String> keys = new ArrayList<>(12 + reservation.lines().size() + reservation.couponIds().size());
        keys.add(OrderKeys.idempotency(slot, reservation.userId(), reservation.idempotencyKeyDigest()));
        keys.add(OrderKeys.hold(slot, reservation.orderId()));
        keys.add(OrderKeys.deadlines(slot));
        keys.add(OrderKeys.placedStream(slot));
        keys.add(InventoryKeys.stockEvents(slot));
        keys.add(RiskKeys.blacklist(slot.tag()));
        keys.add(RiskKeys.placementCounter(slot.tag(), reservation.userId(), window));
        keys.add(InventoryKeys.campaign(slot, campaign));
        keys.add(InventoryKeys.campaignBuyers(slot, campaign));
        reservation.lines().forEach(line -> keys.add(InventoryKeys.sku(slot, line.skuId())));
        reservation.couponIds().forEach(coupon -> keys.add(CouponKeys.coupon(coupon)));

        List<String> args = new ArrayList<>(17 + reservation.lines().size() * 8 + reservation.couponIds().size());
        args.add(reservation.orderId().toString());
        args.add(reservation.userId());
        args.add(reservation.requestHash());
        args.add(Long.toString(IDEMPOTENCY_TTL_SECONDS));
        args.add(Long.toString(reservation.paymentDeadlineEpochMillis()));
        args.add(reservation.phoneFingerprint());
        args.add(reservation.addressFingerprint());
        // A donor bucket is asked for an order whose placement was already counted at home.
        args.add(reservation.role() == Reservation.Role.DONOR ? "0" : Integer.toString(risk.placementsPerWindow()));
        args.add(Long.toString(windowSeconds));
        args.add(reservation.campaignId() == null ? "" : campaign);
        args.add(Integer.toString(reservation.campaignPerUserLimit()));
        args.add(reservation.payloadJson());
        args.add(Integer.toString(reservation.lines().size()));
        args.add(Integer.toString(reservation.couponIds().size()));
        args.add(reservation.role().code);
        args.add(Integer.toString(reservation.homeSlot().index()));
        for (Reservation.Line line : reservation.lines()) {
            args.add(line.skuId().toString());
            args.add(Integer.toString(line.quantity()));
            args.add(line.atCampaignPrice() ? "1" : "0");
            args.add(Integer.toString(line.lowStockThreshold()));
            args.add(Integer.toString(line.warehousesByPreference().size()));
            line.warehousesByPreference().forEach(warehouse -> args.add(warehouse.toString()));
        }
        args.addAll(reservation.couponIds());
        args.add(Long.toString(reservation.points()));
        if (reservation.points() > 0) {
            keys.add(PointsKeys.account(reservation.userId()));
        }
        if (reservation.role() == Reservation.Role.HOME) {
            keys.add(OrderKeys.pendingFallbacks(slot));
        }
        keys.add(InventoryKeys.recoveryFence(slot));
        keys.add(InventoryKeys.epoch(slot));
        // Only the loaded script runs: Redis forgets its scripts when it restarts, and a restarted Redis may have lost
        // writes, so the script is loaded again only once the stock has been verified (StockTrust).
        return EventLoopTimeout.within(scripts.runLoaded(RESERVE_ORDER, keys, args), inventory.reservationTimeout(), vertx)
                .map(response -> outcome(reservation, response))
                .onFailure(ScriptNotLoadedException.class).recoverWithItem(() -> {
                    trust.distrust("Redis no longer knows the reservation script (it restarted, or failed over)");
                    return new ReservationOutcome.Recovering();
                });
    }

    /**
     * What the reservation script recorded for this buyer's Idempotency-Key, if it accepted one: read where its own
     * answer is missing (a reservation that timed out may still have run) or was never asked for (the sold-out fast
     * path must not refuse a retry whose order exists).
     */
    public Uni<Optional<PlacedKey>> placedKey(OrderSlot slot, String userId, String idempotencyKeyDigest) {
        // Coalesced: a sold-out stampede asks this for every refusal, many in each event-loop turn.
        return EventLoopTimeout.within(gets.get(OrderKeys.idempotency(slot, userId, idempotencyKeyDigest)),
                        inventory.reservationTimeout(), vertx)
                .map(value -> Optional.ofNullable(value).flatMap(PlacedKey::parse));
    }

    /**
     * Ends a bucketed order's pending fallback in the buyer's home slot (lua/settle_fallback.lua): {@code held} when
     * a donor bucket holds it (the key then replays the order), else the buyer's counted units and the key go.
     * Emits the script's verdict: HELD, REFUSED, or SETTLED (settled before; nothing changed).
     */
    public Uni<String> settleFallback(Reservation home, UUID orderId, boolean held) {
        OrderSlot slot = home.homeSlot();
        return settleFallback(slot, new PendingFallback(orderId, home.campaignId(), home.lines().getFirst().skuId(),
                        home.campaignUnits(), OrderKeys.idempotency(slot, home.userId(), home.idempotencyKeyDigest())),
                home.requestHash(), held);
    }

    /** The same for a fallback known by its pending record only (the sweeper's, whose walk's pod died). */
    public Uni<String> settleFallback(OrderSlot home, PendingFallback pending, String requestHash, boolean held) {
        return EventLoopTimeout.within(scripts.run(SETTLE_FALLBACK,
                                List.of(pending.idempotencyKey(),
                                        InventoryKeys.campaignBuyers(home, pending.campaignId().toString()),
                                        OrderKeys.pendingFallbacks(home)),
                                List.of(requestHash, pending.orderId().toString(), held ? "HELD" : "REFUSED",
                                        pending.userId(), Integer.toString(pending.units()), pending.member())),
                        inventory.reservationTimeout(), vertx)
                .map(response -> response.get(0).toString());
    }

    /** Loads the reservation script into Redis: done once the stock is trusted (see {@link StockTrust}). */
    public Uni<Void> prepare() {
        return scripts.load(RESERVE_ORDER);
    }

    /** How long an accepted idempotency key is remembered: a day covers any client's retry policy. */
    static final long IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

    private ReservationOutcome outcome(Reservation reservation, Response response) {
        String verdict = response.get(0).toString();
        return switch (verdict) {
            case "OK" -> accepted(reservation, response);
            case "REPLAY" -> new ReservationOutcome.Replayed(UUID.fromString(response.get(1).toString()));
            case "KEY_REUSED" -> new ReservationOutcome.KeyReused();
            case "BLACKLISTED" -> new ReservationOutcome.Blacklisted(response.get(1).toString());
            case "RATE_LIMITED" -> new ReservationOutcome.RateLimited();
            case "LIMIT_EXCEEDED" -> new ReservationOutcome.LimitExceeded(response.get(1).toInteger(),
                    response.get(2).toInteger());
            case "SOLD_OUT" -> soldOut(reservation, response);
            case "FALLBACK" -> new ReservationOutcome.Pending(reservation.orderId(), unitsBySku(response, 2));
            case "PENDING" -> new ReservationOutcome.Pending(UUID.fromString(response.get(1).toString()), Map.of());
            case "SHORT" -> new ReservationOutcome.BucketShort(unitsBySku(response, 2), response.get(1).toLong());
            case "COUPON_UNAVAILABLE" -> new ReservationOutcome.CouponUnavailable(response.get(1).toString());
            case "POINTS_NOT_LOADED" -> new ReservationOutcome.PointsNotLoaded();
            case "POINTS_INSUFFICIENT" -> new ReservationOutcome.PointsInsufficient(response.get(1).toLong());
            case "RECOVERING" -> {
                trust.distrust("Redis refused a reservation: the stock epoch is missing or a recovery is running");
                yield new ReservationOutcome.Recovering();
            }
            default -> throw new IllegalStateException("Unknown reservation verdict " + verdict);
        };
    }

    private ReservationOutcome accepted(Reservation reservation, Response response) {
        String lowStockCsv = response.get(3).toString();
        List<UUID> lowStock = lowStockCsv.isEmpty() ? List.of()
                : Arrays.stream(lowStockCsv.split(",")).map(UUID::fromString).toList();
        for (UUID sku : lowStock) {
            meters.counter("flashorder_low_stock_events", "sku", sku.toString()).increment();
            Log.infof("Low stock: SKU %s crossed its threshold with order %s", sku, reservation.orderId());
        }
        return new ReservationOutcome.Accepted(reservation.orderId(), response.get(2).toString(), lowStock);
    }

    /** {@code sku, units, sku, units, ...} from {@code from} on. */
    private static Map<UUID, Long> unitsBySku(Response response, int from) {
        Map<UUID, Long> available = new LinkedHashMap<>();
        for (int i = from; i + 1 < response.size(); i += 2) {
            available.put(UUID.fromString(response.get(i).toString()), response.get(i + 1).toLong());
        }
        return available;
    }

    private ReservationOutcome soldOut(Reservation reservation, Response response) {
        Map<UUID, Long> available = unitsBySku(response, 1);
        // Remember what is gone entirely, so the next buyers are refused without a Redis call.
        for (Reservation.Line line : reservation.lines()) {
            Long units = available.get(line.skuId());
            if (units != null && units == 0) {
                soldOut.markSoldOut(SoldOutCache.keyOf(line.skuId(), line.atCampaignPrice() ? reservation.campaignId() : null));
            }
        }
        return new ReservationOutcome.SoldOut(available);
    }
}
