package io.flashorder.risk;

import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.platform.redis.SlotTags;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.ScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Brings every slot's copy of the blacklists up to {@code {p}}'s (the authority an admin reads): entries written before
 * the per-slot copies existed, or by a change that failed part-way, or lost with a slot's primary. Idempotent (SADD),
 * run at start-up and by a stock recovery before it lets placements in again. A copy whose size is {@code {p}}'s is
 * taken as up to date, so a pod whose copies agree pays one SCARD per copy (16 commands); a copy behind is filled from
 * {@code {p}}'s members, read with SSCAN in pages. Only adds: a copy holding an entry {@code {p}} does not (a removal
 * that failed part-way) refuses more, never less, and the admin repeats the removal the API reported as failed. A
 * member added here that an admin removed from {@code {p}} meanwhile is removed again. Before copying, each slot's
 * per-kind sets of the earlier layout (one set each for users, phones and addresses) are merged into its one set
 * (lua/blacklist_merge_kinds.lua): one {@code EXISTS} per slot once merged.
 */
@ApplicationScoped
public class BlacklistCopies {

    private static final int PAGE = 1000;
    private static final LuaScript MERGE_KINDS = LuaScript.load("blacklist_merge_kinds");

    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final RedisScripts scripts;
    private final ReactiveContexts contexts;

    public BlacklistCopies(ReactiveRedisDataSource redis, RedisScripts scripts, ReactiveContexts contexts) {
        this.sets = redis.set(String.class);
        this.keys = redis.key(String.class);
        this.scripts = scripts;
        this.contexts = contexts;
    }

    void onStart(@Observes StartupEvent event) {
        contexts.run("Blacklist copies", this::copyToEverySlot);
    }

    /**
     * Merges every slot's per-kind sets, then adds to every slot's copy the entries of {@code {p}}'s it lacks; emits how
     * many were added to the copies in all.
     */
    public Uni<Integer> copyToEverySlot() {
        return Multi.createFrom().iterable(SlotTags.ALL)
                .onItem().transformToUniAndConcatenate(this::mergeKinds)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(merged -> {
                    if (merged > 0) {
                        Log.infof("Blacklist: %d entr(ies) of the per-kind sets merged into each slot's one set", merged);
                    }
                })
                .chain(this::copy)
                .invoke(added -> {
                    if (added > 0) {
                        Log.infof("Blacklist copies: %d entr(ies) of {p}'s list copied to the other slots", added);
                    }
                });
    }

    private Uni<Integer> mergeKinds(String slotTag) {
        List<String> perKind = Arrays.stream(BlacklistKind.values())
                .map(kind -> RiskKeys.perKindBlacklist(slotTag, kind)).toList();
        return keys.exists(perKind.toArray(String[]::new)).chain(present -> present == 0 ? Uni.createFrom().item(0)
                : scripts.run(MERGE_KINDS,
                                Stream.concat(Stream.of(RiskKeys.blacklist(slotTag)), perKind.stream()).toList(),
                                Arrays.stream(BlacklistKind.values()).map(kind -> RiskKeys.blacklistMember(kind, "")).toList())
                        .map(Response::toInteger));
    }

    private Uni<Integer> copy() {
        List<String> copies = RiskKeys.blacklistCopies();
        String authority = copies.getFirst();
        return Uni.join().all(copies.stream().map(sets::scard).toList()).andFailFast().chain(sizes -> {
            List<String> behind = IntStream.range(1, copies.size())
                    .filter(i -> !sizes.get(i).equals(sizes.getFirst())).mapToObj(copies::get).toList();
            if (behind.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return members(authority).chain(entries -> Multi.createFrom().iterable(behind)
                    .onItem().transformToUniAndConcatenate(copy -> fill(authority, copy, entries))
                    .collect().with(Collectors.summingInt(Integer::intValue)));
        });
    }

    /** Adds the entries the copy lacks, a page at a time; emits how many it added and {@code {p}} still has. */
    private Uni<Integer> fill(String authority, String copy, Set<String> entries) {
        return members(copy).chain(present -> {
            List<String> missing = entries.stream().filter(entry -> !present.contains(entry)).toList();
            return Multi.createFrom().iterable(pages(missing))
                    .onItem().transformToUniAndConcatenate(page -> sets.sadd(copy, page.toArray(String[]::new))
                            .chain(() -> undoRemovedMeanwhile(authority, copy, page)))
                    .collect().with(Collectors.summingInt(Integer::intValue));
        });
    }

    /** An admin may have removed some of the page from every copy while it was being added: remove them again. */
    private Uni<Integer> undoRemovedMeanwhile(String authority, String copy, List<String> page) {
        return sets.smismember(authority, page.toArray(String[]::new)).chain(listed -> {
            List<String> gone = IntStream.range(0, page.size()).filter(i -> !listed.get(i)).mapToObj(page::get).toList();
            return gone.isEmpty() ? Uni.createFrom().item(page.size())
                    : sets.srem(copy, gone.toArray(String[]::new)).replaceWith(page.size() - gone.size());
        });
    }

    private Uni<Set<String>> members(String key) {
        return sets.sscan(key, new ScanArgs().count(PAGE)).toMulti().collect().in(HashSet::new, Set::add);
    }

    private static List<List<String>> pages(List<String> entries) {
        List<List<String>> pages = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += PAGE) {
            pages.add(entries.subList(from, Math.min(entries.size(), from + PAGE)));
        }
        return pages;
    }
}
