package io.flashorder.inventory.bucket;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.PlacedKey;
import io.flashorder.inventory.PendingFallback;
import io.flashorder.inventory.ReservationService;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Redis side of finishing bucketed fallbacks whose walk was cut short (the pod died between the home call and
 * the settlement): which are due, what their home record says, what each donor bucket did, and the settlement. Every
 * call touches one slot. The walk itself, which needs the campaign's bucket count, is checkout's sweeper.
 */
@ApplicationScoped
public class PendingFallbacks {

    private static final LuaScript CLAIM = LuaScript.load("bucket_claim_fallbacks");
    private static final LuaScript ASK_DONOR = LuaScript.load("bucket_sweep_donor");
    /** As long as the reservation script remembers a key (its donors' refusals included). */
    private static final Duration RECORD_TTL = Duration.ofDays(1);

    private final RedisScripts scripts;
    private final ReactiveValueCommands<String, String> values;
    private final ReservationService reservations;

    public PendingFallbacks(RedisScripts scripts, ReactiveRedisDataSource redis, ReservationService reservations) {
        this.scripts = scripts;
        this.values = redis.value(String.class);
        this.reservations = reservations;
    }

    /** Claims up to {@code limit} of {@code home}'s fallbacks pending longer than {@code age} (Redis time). */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<List<PendingFallback>> claimDue(OrderSlot home, Duration age, int limit) {
        return scripts.run(CLAIM, List.of(OrderKeys.pendingFallbacks(home)),
                List.of(Long.toString(age.toMillis()), Integer.toString(limit))).map(PendingFallbacks::parsed);
    }

    /** The request hash of the buyer's record when it is still pending for this order; empty once settled. */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<String>> pendingRequestHash(PendingFallback pending) {
        return values.get(pending.idempotencyKey()).map(record -> Optional.ofNullable(record)
                .flatMap(PlacedKey::parse)
                .filter(placed -> placed.pending() && placed.orderId().equals(pending.orderId()))
                .map(PlacedKey::requestHash));
    }

    /**
     * Whether {@code donor} holds the order; if not, its refusal of the order is recorded there in the same step, so
     * a live walk of the order that is only slow, not dead, can no longer be served there.
     */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Boolean> heldBy(OrderSlot donor, PendingFallback pending, String requestHash) {
        return scripts.run(ASK_DONOR, List.of(pending.idempotencyKeyIn(donor), OrderKeys.hold(donor, pending.orderId())),
                        List.of(requestHash, pending.orderId().toString(), Long.toString(RECORD_TTL.toSeconds())))
                .map(answer -> "HELD".equals(answer.toString()));
    }

    /** settle_fallback.lua in the home slot, as checkout's walk ends it: HELD, REFUSED, or SETTLED (nothing to do). */
    public Uni<String> settle(OrderSlot home, PendingFallback pending, String requestHash, boolean held) {
        return reservations.settleFallback(home, pending, requestHash, held);
    }

    private static List<PendingFallback> parsed(Response members) {
        List<PendingFallback> due = new ArrayList<>(members.size());
        for (Response member : members) {
            try {
                due.add(PendingFallback.parse(member.toString()));
            } catch (IllegalArgumentException malformed) {
                Log.errorf("Skipping a malformed pending fallback: %s", member);
            }
        }
        return due;
    }
}
