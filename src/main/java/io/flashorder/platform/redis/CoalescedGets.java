package io.flashorder.platform.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads single string keys for many requests with one command: the keys asked for on an event loop are collected
 * while it handles what it read in this turn, then sent as one MGET per hash slot (a GET when alone), and each caller
 * is answered on its own context. Under load a turn carries many requests, so Redis parses, answers and writes once
 * for all of them, and the service makes one round trip instead of one per request; a lone request waits for nothing
 * but the end of its turn. Off an event loop it is a plain GET.
 * <p>
 * One MGET never spans hash slots: the cluster client splits such an MGET per slot and joins the answers in no
 * particular order (vertx-redis-client's MGET reducer), so on a Redis Cluster callers got each other's values (a
 * bucketed order's retry read another buyer's idempotency record and answered 404 for that buyer's order).
 */
@ApplicationScoped
public class CoalescedGets {

    private final Redis redis;
    /** The keys of this event loop's current turn; only ever touched by that loop's thread. */
    private final ThreadLocal<Batch> turn = new ThreadLocal<>();

    public CoalescedGets(ReactiveRedisDataSource redis) {
        this.redis = redis.getRedis();
    }

    /** The key's value, or null when it does not exist. */
    public Uni<String> get(String key) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return redis.send(Request.cmd(Command.GET).arg(key)).map(CoalescedGets::text);
        }
        return Uni.createFrom().emitter(emitter -> {
            Batch batch = turn.get();
            if (batch == null) {
                Batch started = new Batch();
                turn.set(started);
                // Runs once the loop has handled the requests it read in this turn: then the batch is complete.
                context.runOnContext(ignored -> {
                    turn.remove();
                    send(started);
                });
                batch = started;
            }
            batch.waiting.add(new Waiting(key, emitter, context));
        });
    }

    private void send(Batch batch) {
        Map<String, List<Waiting>> bySlot = new LinkedHashMap<>();
        batch.waiting.forEach(entry -> bySlot.computeIfAbsent(slotPart(entry.key()), part -> new ArrayList<>())
                .add(entry));
        bySlot.values().forEach(this::send);
    }

    /**
     * The part of a key that decides its cluster hash slot: the text between its first '{' and the next '}' when not
     * empty (its hash tag), else the whole key. Keys with the same part share a slot.
     */
    static String slotPart(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }

    private void send(List<Waiting> waiting) {
        Request request = Request.cmd(waiting.size() == 1 ? Command.GET : Command.MGET);
        waiting.forEach(entry -> request.arg(entry.key()));
        redis.send(request).subscribe().with(answer -> {
            for (int i = 0; i < waiting.size(); i++) {
                String value = waiting.size() == 1 ? text(answer) : text(answer.get(i));
                waiting.get(i).answer(value);
            }
        }, failure -> waiting.forEach(entry -> entry.fail(failure)));
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }

    private static final class Batch {
        private final List<Waiting> waiting = new ArrayList<>();
    }

    private record Waiting(String key, UniEmitter<? super String> emitter, Context context) {

        void answer(String value) {
            context.runOnContext(ignored -> emitter.complete(value));
        }

        void fail(Throwable failure) {
            context.runOnContext(ignored -> emitter.fail(failure));
        }
    }
}
