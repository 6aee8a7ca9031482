package io.flashorder.platform.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sends a command to every Redis primary, for what a cluster keeps per node and a cluster client cannot route by key:
 * SCRIPT LOAD (each node has its own script cache) and INFO (each node has its own memory and limit). On a single
 * Redis that is the one server; on a Redis Cluster ({@code quarkus.redis.client-type=cluster}) the primaries are read
 * from CLUSTER SLOTS at each call (the topology may have changed) and reached on connections of their own.
 */
@ApplicationScoped
public class RedisPrimaries {

    private static final int DEFAULT_PORT = 6379;

    private final Vertx vertx;
    private final ReactiveRedisDataSource redis;
    private final boolean cluster;
    /** The first configured host: the scheme and credentials of the connections to each primary. */
    private final URI template;
    private final Map<String, Redis> nodes = new ConcurrentHashMap<>();

    public RedisPrimaries(Vertx vertx, ReactiveRedisDataSource redis,
                          @ConfigProperty(name = "quarkus.redis.client-type") String clientType,
                          @ConfigProperty(name = "quarkus.redis.hosts") List<URI> hosts) {
        this.vertx = vertx;
        this.redis = redis;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.template = hosts.get(0);
    }

    /** Whether Redis is a cluster (several primaries, one database). */
    public boolean cluster() {
        return cluster;
    }

    /** Sends a fresh request from {@code request} to every primary; done when each has answered. */
    public Uni<Void> onEach(Supplier<Request> request) {
        return askEach(request).replaceWithVoid();
    }

    /** Sends a fresh request from {@code request} to every primary; emits each one's answer by its host:port. */
    public Uni<Map<String, Response>> askEach(Supplier<Request> request) {
        if (!cluster) {
            String server = template.getHost() + ":" + (template.getPort() < 0 ? DEFAULT_PORT : template.getPort());
            return redis.getRedis().send(request.get()).map(answer -> Map.of(server, answer));
        }
        return redis.execute(Command.CLUSTER, "SLOTS")
                .map(slots -> List.copyOf(primaryEndpoints(slots)))
                .chain(endpoints -> Uni.join().all(endpoints.stream()
                                .map(endpoint -> node(endpoint).send(request.get()))
                                .toList())
                        .andFailFast()
                        .map(answers -> {
                            Map<String, Response> byPrimary = new LinkedHashMap<>();
                            for (int i = 0; i < endpoints.size(); i++) {
                                byPrimary.put(endpoints.get(i), answers.get(i));
                            }
                            return byPrimary;
                        }));
    }

    /** host:port of the primary of each slot range (CLUSTER SLOTS: start, end, [host, port, id], replicas...). */
    private static Set<String> primaryEndpoints(Response slots) {
        Set<String> endpoints = new LinkedHashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            Response primary = slots.get(i).get(2);
            endpoints.add(primary.get(0).toString() + ":" + primary.get(1).toLong());
        }
        return endpoints;
    }

    private Redis node(String endpoint) {
        return nodes.computeIfAbsent(endpoint, address -> {
            int colon = address.lastIndexOf(':');
            try {
                String uri = new URI(template.getScheme(), template.getUserInfo(), address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), null, null, null).toString();
                return Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(1)
                        .setMaxPoolWaiting(64));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Unusable Redis node address " + address, e);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        nodes.values().forEach(Redis::close);
    }
}
