package io.flashorder.pricing.coupon;

import io.flashorder.inventory.CouponKeys;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponState;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claimed coupons in Redis ({@link CouponKeys}), the authority for their state. Reads fail fast (timeout, circuit
 * breaker) so a slow Redis turns into a 503, never a hanging checkout.
 */
@ApplicationScoped
public class CouponStore {

    private static final LuaScript CREATE_COUPON = LuaScript.load("create_coupon");
    private static final LuaScript RETURN_COUPONS = LuaScript.load("return_coupons");

    private final ReactiveHashCommands<String, String, String> hashes;
    private final RedisScripts scripts;

    public CouponStore(ReactiveRedisDataSource redis, RedisScripts scripts) {
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.scripts = scripts;
    }

    /**
     * The coupons with these ids as pricing sees them, keyed by id; ids Redis does not know (or holds in an
     * unreadable shape) are left out, so the engine refuses them as {@code coupon-not-found}. Reads run
     * concurrently (pipelined on the pool's connections).
     */
    @Timeout(value = 500)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<Map<UUID, Coupon>> read(List<UUID> couponIds) {
        if (couponIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map<String, String>>> reads = new ArrayList<>(couponIds.size());
        for (UUID id : couponIds) {
            reads.add(hashes.hgetall(CouponKeys.coupon(id)));
        }
        return Uni.join().all(reads).andFailFast().map(results -> {
            Map<UUID, Coupon> coupons = new HashMap<>();
            for (int i = 0; i < results.size(); i++) {
                Coupon coupon = toCoupon(couponIds.get(i), results.get(i));
                if (coupon != null) {
                    coupons.putIfAbsent(coupon.couponId(), coupon);
                }
            }
            return coupons;
        });
    }

    /** The stored state of each coupon (null where the hash is not written yet), in the order of the ids. */
    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<List<CouponState>> states(List<String> couponIds) {
        if (couponIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> reads = couponIds.stream()
                .map(id -> hashes.hget(CouponKeys.coupon(id), CouponKeys.STATE)).toList();
        return Uni.join().all(reads).andFailFast().map(states -> states.stream().map(CouponStore::parseState).toList());
    }

    /** Writes the coupon's hash as AVAILABLE unless it is already there. Emits true when written now. */
    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<Boolean> mirror(String couponId, String ownerUserId, String templateId) {
        return scripts.run(CREATE_COUPON, List.of(CouponKeys.coupon(couponId)), List.of(ownerUserId, templateId))
                .map(result -> result.toLong() == 1L);
    }

    /**
     * Makes the coupons still USED by {@code orderId} AVAILABLE again (lua/return_coupons.lua); the others are left
     * alone. Emits how many moved now.
     */
    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2000)
    public Uni<Integer> giveBack(String orderId, List<String> couponIds) {
        if (couponIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return scripts.run(RETURN_COUPONS, couponIds.stream().map(CouponKeys::coupon).toList(), List.of(orderId))
                .map(result -> result.toInteger());
    }

    private static Coupon toCoupon(UUID couponId, Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        String owner = fields.get(CouponKeys.OWNER);
        String templateId = fields.get(CouponKeys.TEMPLATE_ID);
        CouponState state = parseState(fields.get(CouponKeys.STATE));
        if (owner == null || templateId == null || state == null) {
            Log.warnf("Coupon %s has an unreadable Redis hash %s", couponId, fields);
            return null;
        }
        try {
            return new Coupon(couponId, UUID.fromString(templateId), owner, state);
        } catch (IllegalArgumentException e) {
            Log.warnf("Coupon %s has an unreadable Redis hash %s", couponId, fields);
            return null;
        }
    }

    private static CouponState parseState(String state) {
        if (state == null) {
            return null;
        }
        try {
            return CouponState.valueOf(state);
        } catch (IllegalArgumentException e) {
            Log.warnf("Unknown coupon state in Redis: %s", state);
            return null;
        }
    }
}
