package io.flashorder.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventsConfig;
import io.flashorder.events.StreamGroupConsumer;
import io.flashorder.platform.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the analytics rollups from the order event stream: every pod is a consumer of the group
 * {@value EventStreams#ANALYTICS_GROUP} ({@link StreamGroupConsumer}: at least once, retries with back-off), and
 * {@link AnalyticsRecorder} applies each read's events in one transaction, each event once (by its id). Metrics:
 * events applied, events given up, and the gauge {@code flashorder_analytics_lag_seconds} (how old the last applied
 * event was when applied).
 */
@ApplicationScoped
public class AnalyticsConsumer implements StreamGroupConsumer.Handler {

    private final AnalyticsRecorder recorder;
    private final ObjectMapper json;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final StreamGroupConsumer reader;
    private final Counter applied;
    private final Counter givenUp;
    private final AtomicLong lagMillis = new AtomicLong();

    public AnalyticsConsumer(ReactiveRedisDataSource redis, EventsConfig events, AnalyticsRecorder recorder,
                             ObjectMapper json, AnalyticsConfig config, Clock clock, MeterRegistry meters) {
        this.recorder = recorder;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.reader = new StreamGroupConsumer(redis, events, EventStreams.ANALYTICS_GROUP, "analytics-" + Ids.newId(),
                List.of(EventStreams.ORDERS), 1, this);
        this.applied = meters.counter("flashorder_analytics_events_applied");
        this.givenUp = meters.counter("flashorder_analytics_events_given_up");
        meters.gauge("flashorder_analytics_lag_seconds", lagMillis, millis -> millis.get() / 1000.0);
    }

    @Scheduled(every = "${flashorder.analytics.every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return config.enabled() ? reader.run() : Uni.createFrom().voidItem();
    }

    /** Emits true once the event is applied (or says nothing to analytics); a failure is retried. */
    @Override
    public Uni<Boolean> handle(String stream, StreamMessage<String, String, String> message, int attempt) {
        return handleAll(stream, List.of(message), attempt, 1).map(finished -> finished.contains(message.id()));
    }

    /**
     * A read's events applied in one transaction ({@link AnalyticsRecorder#applyAll}); the entries are finished with
     * (acknowledged) only once it committed. If it fails, every entry stays pending and is retried on its own.
     */
    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        Set<String> finished = new HashSet<>();
        List<AnalyticsRecorder.RecordedEvent> events = new ArrayList<>();
        Map<UUID, Instant> occurred = new HashMap<>();
        for (StreamMessage<String, String, String> message : messages) {
            Map<String, String> fields = message.payload();
            try {
                UUID eventId = UUID.fromString(fields.get("eventId"));
                Instant occurredAt = Instant.parse(fields.get("occurredAt"));
                JsonNode payload = json.readTree(fields.get("payload"));
                OrderFacts.read(String.valueOf(fields.get("type")), payload, occurredAt).ifPresent(fact -> {
                    events.add(new AnalyticsRecorder.RecordedEvent(eventId, fact));
                    occurred.put(eventId, occurredAt);
                });
            } catch (Exception unreadable) {
                Log.errorf("Event %s on %s cannot be read for analytics: %s", message.id(), stream,
                        unreadable.toString());
            }
            finished.add(message.id()); // once the batch is applied (below), or at once when there is none
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(finished);
        }
        return recorder.applyAll(events).map(first -> {
            if (!first.isEmpty()) {
                applied.increment(first.size());
                Instant latest = first.stream().map(occurred::get).max(Instant::compareTo).orElseThrow();
                lagMillis.set(Math.max(0, Duration.between(latest, clock.instant()).toMillis()));
            }
            return finished;
        });
    }

    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        givenUp.increment();
        Log.errorf("Analytics gave up event %s (%s) after %d attempt(s): the rollups miss it",
                message.payload().get("eventId"), message.payload().get("type"), attempts);
        return Uni.createFrom().voidItem();
    }
}
