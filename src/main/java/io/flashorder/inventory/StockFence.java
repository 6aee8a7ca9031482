package io.flashorder.inventory;

import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two keys that say whether Redis' stock may be used: the epoch (a generation PostgreSQL records too; the
 * reservation script refuses to run without it) and the recovery fence (the lock of the pod rebuilding the stock;
 * every stock script refuses to move a counter while it exists). See lua/recovery_fence.lua.
 *
 * <p>A script reads only its own {@link OrderSlot}'s keys, so both are kept in every slot. The {@code {p}} copies are
 * the authority: the fence is taken there first (that is the lock) and copied to the others, released there last;
 * the epoch is dropped everywhere first and written to {@code {p}} last. A slot whose epoch is missing or differs
 * from {@code {p}}'s lost writes (its primary came back with less) or was never written; the integrity check
 * ({@link #slotsWithoutEpoch}) then has the stock rebuilt, which writes the epoch to every slot.
 */
@ApplicationScoped
public class StockFence {

    private static final LuaScript FENCE = LuaScript.load("recovery_fence");

    private final RedisScripts scripts;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;

    public StockFence(RedisScripts scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    /** Emits true when {@code owner} holds the fence now (in every slot), false when another pod does. */
    public Uni<Boolean> acquire(String owner, Duration ttl) {
        return lock(InventoryKeys.RECOVERY_FENCE, "acquire", owner, ttl)
                .call(acquired -> acquired ? copyFence(owner, ttl) : Uni.createFrom().voidItem());
    }

    /** Emits false when the fence is no longer {@code owner}'s (it expired): the owner must stop writing. */
    public Uni<Boolean> renew(String owner, Duration ttl) {
        return lock(InventoryKeys.RECOVERY_FENCE, "renew", owner, ttl)
                .call(held -> held ? copyFence(owner, ttl) : Uni.createFrom().voidItem());
    }

    public Uni<Void> release(String owner) {
        return eachOtherSlot(slot -> lock(InventoryKeys.recoveryFence(slot), "release", owner, Duration.ZERO))
                .chain(() -> lock(InventoryKeys.RECOVERY_FENCE, "release", owner, Duration.ZERO)).replaceWithVoid();
    }

    /** The fence of the other slots, same owner and TTL: their scripts move nothing while a recovery runs. */
    private Uni<Void> copyFence(String owner, Duration ttl) {
        return eachOtherSlot(slot -> values.set(InventoryKeys.recoveryFence(slot), owner,
                new SetArgs().px(Math.max(1, ttl.toMillis()))));
    }

    /** Another stock job's lock of the same kind (a leader lock in the {p} partition): acquire, renew, release. */
    public Uni<Boolean> lock(String key, String op, String owner, Duration ttl) {
        return scripts.run(FENCE, List.of(key), List.of(op, owner, Long.toString(Math.max(1, ttl.toMillis()))))
                .map(result -> result.toLong() == 1L);
    }

    /** Who holds the fence, if anyone. */
    public Uni<Optional<String>> holder() {
        return values.get(InventoryKeys.RECOVERY_FENCE).map(Optional::ofNullable);
    }

    public Uni<Optional<Long>> epoch() {
        return values.get(InventoryKeys.EPOCH).map(value -> Optional.ofNullable(value).map(Long::parseLong));
    }

    /**
     * Without the epoch every reservation is refused: done first by a recovery, so nothing is sold meanwhile. Every
     * slot's, {@code {p}}'s first.
     */
    public Uni<Void> dropEpoch() {
        return redis.key(String.class).del(InventoryKeys.EPOCH)
                .chain(() -> eachOtherSlot(slot -> redis.key(String.class).del(InventoryKeys.epoch(slot))));
    }

    /** Every slot's epoch, {@code {p}}'s last: once it is there, every slot has it. */
    public Uni<Void> writeEpoch(long epoch) {
        return eachOtherSlot(slot -> values.set(InventoryKeys.epoch(slot), Long.toString(epoch)))
                .chain(() -> values.set(InventoryKeys.EPOCH, Long.toString(epoch)));
    }

    /**
     * The epoch, unless Redis has one already (two pods initialising the first one agree on whichever won), copied to
     * every slot.
     */
    public Uni<Long> initialiseEpoch(long epoch) {
        return values.setnx(InventoryKeys.EPOCH, Long.toString(epoch))
                .chain(() -> values.get(InventoryKeys.EPOCH)).map(Long::parseLong)
                .call(adopted -> eachOtherSlot(slot -> values.set(InventoryKeys.epoch(slot), Long.toString(adopted))));
    }

    /** The slots (other than {@code {p}}) whose epoch is not {@code epoch}: missing (lost, or never written) or other. */
    public Uni<List<OrderSlot>> slotsWithoutEpoch(long epoch) {
        List<Uni<Optional<OrderSlot>>> reads = otherSlots().stream().map(slot -> values.get(InventoryKeys.epoch(slot))
                .map(value -> Long.toString(epoch).equals(value) ? Optional.<OrderSlot>empty() : Optional.of(slot)))
                .toList();
        return Uni.join().all(reads).andFailFast()
                .map(found -> found.stream().flatMap(Optional::stream).toList());
    }

    private static List<OrderSlot> otherSlots() {
        return OrderSlot.all().subList(1, OrderSlot.COUNT);
    }

    private static Uni<Void> eachOtherSlot(Function<OrderSlot, Uni<?>> write) {
        return Uni.join().all(otherSlots().stream().map(slot -> write.apply(slot).replaceWithVoid()).toList())
                .andFailFast().replaceWithVoid();
    }

}
