package io.flashorder.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventsConfig;
import io.flashorder.events.StreamGroupConsumer;
import io.flashorder.events.StreamGroupReaders;
import io.flashorder.platform.Ids;
import io.flashorder.settings.MerchantSettings;
import io.flashorder.settings.MerchantSettingsService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers events to merchants' webhooks: every pod is a consumer of the group {@value EventStreams#WEBHOOK_GROUP}
 * on the webhook stream (the order events of merchants with a webhook, copied there by {@link WebhookForwarder}) and
 * every slot's stock event stream, each read on its own as events are appended ({@link StreamGroupReaders}; retries
 * with back-off and claims: {@link StreamGroupConsumer}). An event is
 * acknowledged once its merchant answered 2xx (or when the merchant has no webhook); after {@code max-attempts} it
 * moves to {@value EventStreams#WEBHOOK_DEAD_LETTER}. Delivery is at least once; the event id is stable, so
 * receivers dedupe on it.
 */
@ApplicationScoped
public class WebhookDelivery implements StreamGroupConsumer.Handler {

    /** The scheduler identity of the retry pass (a test pauses it to show new events need none). */
    public static final String RETRY_PASS = "webhook-delivery";
    private static final int PARALLEL_CALLS = 8;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final WebhookSender sender;
    private final MerchantSettingsService settings;
    private final CatalogSnapshotService catalog;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final Clock clock;
    private final StreamGroupReaders readers;
    private final StreamGroupConsumer reader;
    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;

    public WebhookDelivery(ReactiveRedisDataSource redis, StreamGroupReaders readers, WebhookSender sender,
                           MerchantSettingsService settings, CatalogSnapshotService catalog, ObjectMapper json,
                           EventsConfig config, Clock clock, MeterRegistry registry) {
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
        this.readers = readers;
        this.reader = readers.consumer(EventStreams.WEBHOOK_GROUP, "webhook-" + Ids.newId(), EventStreams.DELIVERED,
                PARALLEL_CALLS, this);
    }

    /** Starts reading new events as they are appended (once), then retries those due for it. */
    @Scheduled(identity = RETRY_PASS, every = "${flashorder.events.deliver-every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        readers.readAsAppended(reader);
        return reader.retryDue();
    }

    /** Emits true when the event is finished with (delivered, nobody to tell, or dead-lettered). */
    @Override
    public Uni<Boolean> handle(String stream, StreamMessage<String, String, String> message, int attempt) {
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
            return giveUp(stream, message, attempt - 1).replaceWith(true);
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

    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        Map<String, String> fields = new LinkedHashMap<>(message.payload());
        fields.put("sourceStream", stream);
        fields.put("sourceId", message.id());
        fields.put("attempts", Integer.toString(attempts));
        fields.put("deadAt", clock.instant().toString());
        Log.errorf("Event %s on %s given up after %d webhook attempt(s)", message.id(), stream, attempts);
        deadLettered.increment();
        return streams.xadd(EventStreams.WEBHOOK_DEAD_LETTER, fields).replaceWithVoid();
    }
}
