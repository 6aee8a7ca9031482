package io.flashorder.platform.redis;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This pod's Redis pub/sub subscriptions, on one dedicated connection that is put back whenever it is lost. A Redis
 * restart closes subscriber connections without any error reaching a subscriber (quarkusio/quarkus#33418), and the
 * messages published meanwhile are gone; so the connection is watched (its end and exception handlers, and every
 * {@code watch-every} a look for its name among Redis' pub/sub clients), re-opened with a back-off, subscribed to
 * every channel again, and each subscriber is told to re-read the state its channel carries. On a Redis Cluster a
 * PUBLISH reaches the subscribers of every node, so one node is enough: the first host, or the next one of
 * {@code quarkus.redis.hosts} when it cannot be reached; the watch asks that same node (each lists only its own clients).
 */
@ApplicationScoped
public class RedisChannels {

    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What a subscriber does with a message, and after a reconnection (messages may have been missed). */
    private record Subscriber(Consumer<String> onMessage, Runnable afterReconnect) {
    }

    private final Vertx vertx;
    /** One client per configured host; the subscriber connection uses one of them at a time. */
    private final List<Redis> clients;
    private final String name;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile RedisConnection connection;
    /** The client the current connection came from (the node to ask whether it still lists the subscriber). */
    private volatile Redis connectedVia;
    /** The host to try next; moves on after a failed or lost connection. */
    private int nextHost;
    private volatile boolean connecting;
    private volatile boolean stopped;
    private volatile boolean everConnected;
    private Duration backoff = MIN_BACKOFF;

    public RedisChannels(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts) {
        this.vertx = vertx;
        this.clients = hosts.stream()
                .map(host -> Redis.createClient(vertx, new RedisOptions().setConnectionString(host)))
                .toList();
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        this.name = "flashorder-sub-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * Delivers every message of {@code channel} to {@code onMessage} (on an event loop: hand real work to a context),
     * and calls {@code afterReconnect} once the subscription is back after it was lost.
     */
    public void subscribe(String channel, Consumer<String> onMessage, Runnable afterReconnect) {
        boolean newChannel;
        RedisConnection current;
        synchronized (this) {
            newChannel = !subscribers.containsKey(channel);
            subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
                    .add(new Subscriber(onMessage, afterReconnect));
            current = connection;
        }
        if (current == null) {
            connect(); // a connection being opened subscribes to this channel too (see subscribed)
        } else if (newChannel) {
            send(current, Set.of(channel));
        }
    }

    /** Whether the subscriber connection is up (a readiness detail). */
    public boolean connected() {
        return connection != null;
    }

    private synchronized void connect() {
        if (connecting || connection != null || stopped || subscribers.isEmpty()) {
            return;
        }
        connecting = true;
        Redis via = clients.get(nextHost);
        via.connect().onSuccess(opened -> {
            opened.handler(this::deliver);
            opened.exceptionHandler(failure -> lost(opened, failure));
            opened.endHandler(ignored -> lost(opened, null));
            Set<String> channels = Set.copyOf(subscribers.keySet());
            Request subscribe = Request.cmd(io.vertx.redis.client.Command.SUBSCRIBE);
            channels.forEach(subscribe::arg);
            opened.send(Request.cmd(io.vertx.redis.client.Command.CLIENT).arg("SETNAME").arg(name))
                    .compose(ignored -> opened.send(subscribe))
                    .onSuccess(ignored -> subscribed(opened, via, channels))
                    .onFailure(failure -> {
                        opened.close();
                        retry(failure);
                    });
        }).onFailure(this::retry);
    }

    private void subscribed(RedisConnection opened, Redis via, Set<String> channels) {
        boolean reconnected;
        Set<String> addedMeanwhile = new HashSet<>();
        synchronized (this) {
            connection = opened;
            connectedVia = via;
            connecting = false;
            backoff = MIN_BACKOFF;
            reconnected = everConnected;
            everConnected = true;
            addedMeanwhile.addAll(subscribers.keySet());
            addedMeanwhile.removeAll(channels);
        }
        if (!addedMeanwhile.isEmpty()) {
            send(opened, addedMeanwhile);
        }
        if (reconnected) {
            Log.infof("Redis subscriptions restored (%s); re-reading what their channels carry", subscribers.keySet());
            subscribers.values().forEach(list -> list.forEach(subscriber -> {
                try {
                    subscriber.afterReconnect().run();
                } catch (RuntimeException e) {
                    Log.warnf("Re-reading after a resubscription failed: %s", e.toString());
                }
            }));
        }
    }

    private void send(RedisConnection current, Set<String> channels) {
        Request subscribe = Request.cmd(io.vertx.redis.client.Command.SUBSCRIBE);
        channels.forEach(subscribe::arg);
        current.send(subscribe).onFailure(failure -> lost(current, failure));
    }

    private void retry(Throwable failure) {
        Duration wait;
        synchronized (this) {
            connecting = false;
            nextHost = (nextHost + 1) % clients.size();
            wait = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        if (!stopped) {
            Log.debugf("Redis subscriptions not up (%s); retrying in %d ms", failure, wait.toMillis());
            vertx.setTimer(wait.toMillis(), id -> connect());
        }
    }

    private void lost(RedisConnection lostConnection, Throwable failure) {
        synchronized (this) {
            if (connection != lostConnection) {
                return;
            }
            connection = null;
            nextHost = (nextHost + 1) % clients.size();
        }
        lostConnection.close();
        if (!stopped) {
            Log.warnf("Redis subscriber connection lost (%s); subscribing again", failure == null ? "closed" : failure);
            vertx.setTimer(MIN_BACKOFF.toMillis(), id -> connect());
        }
    }

    private void deliver(Response message) {
        if (message == null || (message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI)
                || message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return; // subscription confirmations and the like
        }
        String channel = message.get(1).toString();
        String payload = message.get(2).toString();
        subscribers.getOrDefault(channel, List.of()).forEach(subscriber -> {
            try {
                subscriber.onMessage().accept(payload);
            } catch (RuntimeException e) {
                Log.warnf("Handling a message of %s failed: %s", channel, e.toString());
            }
        });
    }

    /**
     * A connection can look alive to this pod while Redis no longer counts it as a subscriber: look for it among
     * Redis' pub/sub clients, by its name, and reconnect when it is not there.
     */
    @Scheduled(identity = "redis-subscriptions-watch", every = "${flashorder.redis.subscriptions-watch-every}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watch() {
        RedisConnection current = connection;
        Redis via = connectedVia;
        if (current == null || via == null) {
            connect();
            return Uni.createFrom().voidItem();
        }
        Request list = Request.cmd(io.vertx.redis.client.Command.CLIENT).arg("LIST").arg("TYPE").arg("pubsub");
        return Uni.createFrom().completionStage(() -> via.send(list).toCompletionStage())
                .invoke(listed -> {
                    if (listed != null && !listed.toString().contains("name=" + name + " ")) {
                        lost(current, new IllegalStateException("Redis does not list the subscriber connection"));
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.close();
        }
        clients.forEach(Redis::close);
    }
}
