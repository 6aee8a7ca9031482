package io.flashorder.analytics;

import io.flashorder.events.EventPayloads;
import io.flashorder.events.EventStreams;
import io.flashorder.events.SharedEntry;
import io.flashorder.events.SharedGroupMember;
import io.flashorder.platform.json.IsoInstants;
import io.flashorder.platform.sql.SqlFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the analytics rollups from the order event stream: a member of the group
 * {@value EventStreams#ANALYTICS_NOTIFICATIONS_GROUP} every pod reads ({@link SharedGroupMember}: at least once,
 * retries with back-off; an event applied already, redelivered because another member asked for a retry, changes
 * nothing), and {@link AnalyticsRecorder} applies each read's events in one transaction, each event once (by its
 * merchant order's timeline, or its id); an event PostgreSQL refuses for its data is isolated and dead-lettered
 * ({@link AnalyticsDeadLetters}). Metrics: events applied, events given up, events dead-lettered, and the gauge
 * {@code flashorder_analytics_lag_seconds} (how old the last applied event was when applied).
 */
@ApplicationScoped
public class AnalyticsConsumer implements SharedGroupMember {

    private final AnalyticsRecorder recorder;
    private final AnalyticsDeadLetters deadLetters;
    private final EventPayloads payloads;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final Counter applied;
    private final Counter givenUp;
    private final AtomicLong lagMillis = new AtomicLong();

    public AnalyticsConsumer(AnalyticsRecorder recorder, AnalyticsDeadLetters deadLetters, EventPayloads payloads,
                             AnalyticsConfig config, Clock clock, MeterRegistry meters) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.payloads = payloads;
        this.config = config;
        this.clock = clock;
        this.applied = meters.counter("flashorder_analytics_events_applied");
        this.givenUp = meters.counter("flashorder_analytics_events_given_up");
        meters.gauge("flashorder_analytics_lag_seconds", lagMillis, millis -> millis.get() / 1000.0);
    }

    @Override
    public String name() {
        return "analytics";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public String retiredGroup() {
        return EventStreams.RETIRED_ANALYTICS_GROUP;
    }

    /**
     * A read's events applied in one transaction ({@link AnalyticsRecorder#applyAll}); the entries are finished with
     * (acknowledged) only once it committed. If PostgreSQL refuses the batch for an event's data, the events are
     * applied one by one in stream order, so the good ones count (each once: their ids commit with their counts) and
     * the refused one is dead-lettered and finished with, instead of failing its neighbours read after read. Any
     * other failure (PostgreSQL unreachable, a timeout) leaves every entry pending, to be retried.
     */
    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        return handleRead(stream, payloads.entries(messages), attempt, parallel);
    }

    @Override
    public Uni<Set<String>> handleRead(String stream, List<SharedEntry> entries, int attempt, int parallel) {
        Set<String> finished = new HashSet<>();
        Map<UUID, Pending> pending = new LinkedHashMap<>();
        for (SharedEntry entry : entries) {
            StreamMessage<String, String, String> message = entry.message();
            Map<String, String> fields = entry.fields();
            try {
                UUID eventId = UUID.fromString(fields.get("eventId"));
                Instant occurredAt = IsoInstants.parse(fields.get("occurredAt"));
                Optional<OrderFact> fact = OrderFacts.read(String.valueOf(fields.get("type")), entry.payload(),
                        occurredAt);
                if (fact.isPresent()) {
                    // The same event in two entries (a redelivery) is applied once; both entries finish with it.
                    pending.computeIfAbsent(eventId, id -> new Pending(
                            new AnalyticsRecorder.RecordedEvent(id, fact.get()), occurredAt, message, new ArrayList<>()))
                            .entryIds().add(message.id());
                    continue;
                }
            } catch (Exception unreadable) {
                Log.errorf("Event %s on %s cannot be read for analytics: %s", message.id(), stream,
                        unreadable.toString());
            }
            finished.add(message.id()); // says nothing to analytics, or never will
        }
        if (pending.isEmpty()) {
            return Uni.createFrom().item(finished);
        }
        List<Pending> events = List.copyOf(pending.values());
        return apply(events)
                .invoke(() -> events.forEach(event -> finished.addAll(event.entryIds())))
                .onFailure(failure -> events.size() > 1 && SqlFailures.blamesTheRows(failure))
                .recoverWithUni(failure -> {
                    Log.warnf("Analytics: PostgreSQL refused a batch of %d event(s) on %s (%s); applying them one by "
                            + "one", events.size(), stream, failure.getMessage());
                    return oneByOne(stream, events, finished);
                })
                .onFailure(SqlFailures::blamesTheRows).recoverWithUni(failure -> {
                    Pending refused = events.get(0); // a batch of one: that event is the one refused
                    return deadLetters.park(stream, refused.message(), failure)
                            .invoke(() -> finished.addAll(refused.entryIds()));
                })
                .replaceWith(finished);
    }

    /** Each event in its own transaction, in stream order; one PostgreSQL refuses is parked, others stay pending. */
    private Uni<Void> oneByOne(String stream, List<Pending> events, Set<String> finished) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> apply(List.of(event))
                        .onFailure(SqlFailures::blamesTheRows)
                        .recoverWithUni(refused -> deadLetters.park(stream, event.message(), refused))
                        .invoke(() -> finished.addAll(event.entryIds()))
                        .onFailure().recoverWithUni(failure -> {
                            Log.warnf("Analytics event %s on %s not applied (retried later): %s",
                                    event.event().eventId(), stream, failure.toString());
                            return Uni.createFrom().voidItem();
                        }))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(List<Pending> events) {
        return recorder.applyAll(events.stream().map(Pending::event).toList()).invoke(first -> {
            if (!first.isEmpty()) {
                applied.increment(first.size());
                Instant latest = events.stream().filter(event -> first.contains(event.event().eventId()))
                        .map(Pending::occurredAt).max(Instant::compareTo).orElseThrow();
                lagMillis.set(Math.max(0, Duration.between(latest, clock.instant()).toMillis()));
            }
        }).replaceWithVoid();
    }

    /** An event of this read to apply, with the first entry that carried it and every entry that did. */
    private record Pending(AnalyticsRecorder.RecordedEvent event, Instant occurredAt,
                           StreamMessage<String, String, String> message, List<String> entryIds) {
    }

    /**
     * Counts the give-up only for an event that tells analytics something and that it has not applied: the member
     * that failed may be another one.
     */
    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        Map<String, String> fields = message.payload();
        UUID eventId;
        Optional<OrderFact> fact;
        try {
            eventId = UUID.fromString(fields.get("eventId"));
            fact = OrderFacts.read(String.valueOf(fields.get("type")), payloads.read(fields.get("payload")),
                    IsoInstants.parse(fields.get("occurredAt")));
        } catch (Exception unreadable) {
            return Uni.createFrom().voidItem(); // finished with when read (and logged): nothing to give up
        }
        if (fact.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recorder.isApplied(new AnalyticsRecorder.RecordedEvent(eventId, fact.get())).invoke(applied -> {
            if (!applied) {
                givenUp.increment();
                Log.errorf("Analytics gave up event %s (%s) after %d attempt(s): the rollups miss it", eventId,
                        message.payload().get("type"), attempts);
            }
        }).replaceWithVoid();
    }
}
