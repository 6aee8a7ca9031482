package io.flashorder.webhooks;

import io.flashorder.events.EventStreams;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code flashorder_webhook_backlog}: events not yet delivered to merchants' webhooks, summed over the event streams
 * of the {@value EventStreams#WEBHOOK_GROUP} group: entries read but not acknowledged (being delivered or waiting for
 * a retry) plus entries no consumer has read yet (the group's lag). Read from Redis every
 * {@code flashorder.monitoring.webhook-backlog-every}, not per scrape.
 */
@ApplicationScoped
public class WebhookBacklog {

    private final ReactiveRedisDataSource redis;
    private final AtomicLong backlog = new AtomicLong();

    public WebhookBacklog(ReactiveRedisDataSource redis, MeterRegistry meters) {
        this.redis = redis;
        Gauge.builder("flashorder.webhook.backlog", backlog, AtomicLong::get)
                .description("Events not yet delivered to merchant webhooks (pending + unread)")
                .register(meters);
    }

    @Scheduled(every = "${flashorder.monitoring.webhook-backlog-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicSample() {
        return sample().onFailure().invoke(failure -> Log.debugf("Webhook backlog not read: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reads the backlog now. */
    public Uni<Void> sample() {
        return Multi.createFrom().iterable(EventStreams.DELIVERED)
                .onItem().transformToUniAndConcatenate(this::undelivered)
                .collect().with(Collectors.summingLong(Long::longValue))
                .invoke(backlog::set)
                .replaceWithVoid();
    }

    private Uni<Long> undelivered(String stream) {
        return redis.execute(Command.XINFO, "GROUPS", stream)
                .map(groups -> {
                    for (int i = 0; groups != null && i < groups.size(); i++) {
                        Response group = groups.get(i);
                        if (EventStreams.WEBHOOK_GROUP.equals(String.valueOf(field(group, "name")))) {
                            return number(field(group, "pending")) + number(field(group, "lag"));
                        }
                    }
                    return 0L;
                })
                // A stream nothing was ever written to does not exist yet: nothing to deliver.
                .onFailure(e -> String.valueOf(e.getMessage()).contains("no such key")).recoverWithItem(0L);
    }

    /** A field of an XINFO entry, whether Redis answered a map (RESP3) or a flat name/value list (RESP2). */
    private static Response field(Response entry, String name) {
        if (!entry.getKeys().isEmpty()) {
            return entry.get(name);
        }
        for (int i = 0; i + 1 < entry.size(); i += 2) {
            if (name.equals(entry.get(i).toString())) {
                return entry.get(i + 1);
            }
        }
        return null;
    }

    private static long number(Response value) {
        return value == null ? 0 : value.toLong() == null ? 0 : value.toLong();
    }
}
