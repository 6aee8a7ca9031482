package io.flashorder.analytics;

import io.flashorder.events.EventStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parks an event the rollups can never store (PostgreSQL refused its data) in
 * {@value EventStreams#ANALYTICS_DEAD_LETTER}, with where it came from and why, so it stops being retried and an
 * operator can look at it. Metric {@code flashorder_analytics_events_dead_lettered_total}.
 */
@ApplicationScoped
public class AnalyticsDeadLetters {

    private final ReactiveStreamCommands<String, String, String> streams;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final Counter deadLettered;

    public AnalyticsDeadLetters(ReactiveRedisDataSource redis, AnalyticsConfig config, Clock clock,
                                MeterRegistry meters) {
        this.streams = redis.stream(String.class);
        this.config = config;
        this.clock = clock;
        this.deadLettered = meters.counter("flashorder_analytics_events_dead_lettered");
    }

    public Uni<Void> park(String stream, StreamMessage<String, String, String> message, Throwable reason) {
        Map<String, String> fields = new LinkedHashMap<>(message.payload());
        fields.put("sourceStream", stream);
        fields.put("sourceId", message.id());
        fields.put("reason", String.valueOf(reason.getMessage()));
        fields.put("deadAt", clock.instant().toString());
        return streams.xadd(EventStreams.ANALYTICS_DEAD_LETTER,
                        new XAddArgs().maxlen(config.deadLetterMaxLength()).nearlyExactTrimming(), fields)
                .invoke(() -> {
                    deadLettered.increment();
                    Log.errorf("Analytics event %s (%s, entry %s on %s) refused by PostgreSQL, moved to %s: %s",
                            message.payload().get("eventId"), message.payload().get("type"), message.id(), stream,
                            EventStreams.ANALYTICS_DEAD_LETTER, reason.getMessage());
                })
                .replaceWithVoid();
    }
}
