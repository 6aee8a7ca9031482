package io.flashorder.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventsConfig;
import io.flashorder.platform.Ids;
import io.flashorder.settings.MerchantSettings;
import io.flashorder.settings.MerchantSettingsService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers events to merchants' webhooks: every pod is a consumer of the group {@value EventStreams#WEBHOOK_GROUP}
 * on the order and stock event streams. An event is acknowledged once its merchant answered 2xx (or when the
 * merchant has no webhook). A failed one stays pending; a later run takes it back with XCLAIM once it has been idle
 * for the back-off of its attempt count (initial × 2^(attempts-1), capped; never less than {@code retry-min-idle},
 * so an attempt in flight is not duplicated), and after {@code max-attempts} it moves to
 * {@value EventStreams#WEBHOOK_DEAD_LETTER}. XCLAIM with that minimum idle time is atomic: of two pods looking at
 * the same entry, one gets it. Delivery is at least once; the event id is stable, so receivers dedupe on it.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final int PENDING_SCAN = 100;
    private static final int PARALLEL_CALLS = 8;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final WebhookSender sender;
    private final MerchantSettingsService settings;
    private final CatalogSnapshotService catalog;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final Clock clock;
    private final String consumer = "webhook-" + Ids.newId();
    private final Set<String> groupsReady = ConcurrentHashMap.newKeySet();
    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;

    public WebhookDelivery(ReactiveRedisDataSource redis, WebhookSender sender, MerchantSettingsService settings,
                           CatalogSnapshotService catalog, ObjectMapper json, EventsConfig config, Clock clock,
                           MeterRegistry registry) {
        this.streams = redis.stream(String.class);
        this.sender = sender;
        this.settings = settings;
        this.catalog = catalog;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.delivered = Counter.builder("flashorder.webhook.deliveries").tag("outcome", "delivered")
                .description("Webhook calls by outcome").register(registry);
        this.failed = Counter.builder("flashorder.webhook.deliveries").tag("outcome", "failed")
                .description("Webhook calls by outcome").register(registry);
        this.deadLettered = Counter.builder("flashorder.webhook.dead.letters")
                .description("Events given up after the last webhook attempt").register(registry);
    }

    @Scheduled(every = "${flashorder.events.deliver-every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(EventStreams.DELIVERED)
                .onItem().transformToUniAndConcatenate(stream -> ensureGroup(stream)
                        .chain(() -> deliverNew(stream))
                        .chain(() -> retryPending(stream))
                        .onFailure().invoke(e -> {
                            if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                                groupsReady.remove(stream);
                            }
                            Log.warnf("Webhook delivery on %s failed (next run retries): %s", stream, e.toString());
                        })
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> ensureGroup(String stream) {
        if (groupsReady.contains(stream)) {
            return Uni.createFrom().voidItem();
        }
        return streams.xgroupCreate(stream, EventStreams.WEBHOOK_GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .invoke(() -> groupsReady.add(stream))
                .replaceWithVoid();
    }

    /**
     * Delivers new entries batch after batch until the stream is caught up (at most {@code deliver-max-batches} per
     * run, so retries get their turn): a flash sale adds thousands of events a second.
     */
    private Uni<Void> deliverNew(String stream) {
        return Multi.createBy().repeating()
                .uni(() -> streams.xreadgroup(EventStreams.WEBHOOK_GROUP, consumer, stream, ">",
                                new XReadGroupArgs().count(config.deliverBatchSize()))
                        .map(messages -> messages == null ? List.<StreamMessage<String, String, String>>of() : messages)
                        .call(messages -> deliverAll(stream, messages, 1))
                        .map(List::size))
                .whilst(read -> read == config.deliverBatchSize())
                .select().first(config.deliverMaxBatches())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> retryPending(String stream) {
        return streams.xpending(stream, EventStreams.WEBHOOK_GROUP, StreamRange.of("-", "+"), PENDING_SCAN)
                .chain(pending -> Multi.createFrom().iterable(pending == null ? List.<PendingMessage>of() : pending)
                        .onItem().transformToUniAndConcatenate(entry -> retry(stream, entry))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> retry(String stream, PendingMessage entry) {
        int attempts = entry.getDeliveryCount();
        Duration wait = attempts >= config.maxAttempts() ? config.retryMinIdle() : backoff(attempts);
        if (entry.getDurationSinceLastDelivery().compareTo(wait) < 0) {
            return Uni.createFrom().voidItem();
        }
        return streams.xclaim(stream, EventStreams.WEBHOOK_GROUP, consumer, wait, entry.getMessageId())
                .chain(claimed -> {
                    if (claimed == null || claimed.isEmpty()) {
                        return Uni.createFrom().voidItem(); // another pod took it first
                    }
                    StreamMessage<String, String, String> message = claimed.get(0);
                    if (message.payload() == null || message.payload().isEmpty()) {
                        return ack(stream, message.id()); // trimmed away: nothing left to deliver
                    }
                    if (attempts >= config.maxAttempts()) {
                        return deadLetter(stream, message, attempts).chain(() -> ack(stream, message.id()));
                    }
                    return deliverAll(stream, claimed, attempts + 1);
                });
    }

    /** Back-off before attempt n+1 after n attempts: initial × 2^(n-1), capped, at least retry-min-idle. */
    Duration backoff(int attempts) {
        Duration next = config.retryInitial().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        if (next.compareTo(config.retryMax()) > 0) {
            next = config.retryMax();
        }
        return next.compareTo(config.retryMinIdle()) < 0 ? config.retryMinIdle() : next;
    }

    /** Delivers the messages (a few calls at a time) and acknowledges the finished ones with one XACK. */
    private Uni<Void> deliverAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(messages)
                .onItem().transformToUni(message -> deliver(stream, message, attempt)
                        .map(finished -> finished ? message.id() : null)).merge(PARALLEL_CALLS)
                .collect().asList()
                .chain(finished -> finished.isEmpty() ? Uni.createFrom().voidItem()
                        : streams.xack(stream, EventStreams.WEBHOOK_GROUP, finished.toArray(String[]::new))
                        .replaceWithVoid());
    }

    /** Emits true when the event is finished with (delivered, nobody to tell, or dead-lettered). */
    private Uni<Boolean> deliver(String stream, StreamMessage<String, String, String> message, int attempt) {
        DeliverableEvent event;
        Optional<MerchantSettings.Webhook> webhook;
        try {
            webhook = DeliverableEvent.merchantOf(stream, message.id(), message.payload(), catalog.current())
                    .flatMap(merchant -> settings.of(merchant).webhook());
            if (webhook.isEmpty()) {
                return Uni.createFrom().item(true); // nobody to tell
            }
            event = DeliverableEvent.of(stream, message.id(), message.payload(), catalog.current(), json);
        } catch (IllegalArgumentException unreadable) {
            Log.errorf("Event %s on %s cannot be delivered: %s", message.id(), stream, unreadable.getMessage());
            return deadLetter(stream, message, attempt - 1).replaceWith(true);
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.ID_HEADER, event.id());
        headers.put(WebhookSignature.TYPE_HEADER, event.type());
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(webhook.get().secret(), timestamp, event.body()));
        headers.put(WebhookSignature.ATTEMPT_HEADER, Integer.toString(attempt));
        return sender.post(webhook.get().url(), headers, event.body())
                .onFailure().recoverWithItem(e -> {
                    Log.infof("Webhook call for event %s failed (attempt %d): %s", event.id(), attempt, e.toString());
                    return -1;
                })
                .map(status -> {
                    if (status >= 200 && status < 300) {
                        delivered.increment();
                        return true;
                    }
                    failed.increment();
                    if (status > 0) {
                        Log.infof("Webhook for event %s answered %d (attempt %d); it will be retried", event.id(),
                                status, attempt);
                    }
                    return false; // stays pending: retried after its back-off
                });
    }

    private Uni<Void> deadLetter(String stream, StreamMessage<String, String, String> message, int attempts) {
        Map<String, String> fields = new LinkedHashMap<>(message.payload());
        fields.put("sourceStream", stream);
        fields.put("sourceId", message.id());
        fields.put("attempts", Integer.toString(attempts));
        fields.put("deadAt", clock.instant().toString());
        Log.errorf("Event %s on %s given up after %d webhook attempt(s)", message.id(), stream, attempts);
        deadLettered.increment();
        return streams.xadd(EventStreams.WEBHOOK_DEAD_LETTER, fields).replaceWithVoid();
    }

    private Uni<Void> ack(String stream, String id) {
        return streams.xack(stream, EventStreams.WEBHOOK_GROUP, id).replaceWithVoid();
    }
}
