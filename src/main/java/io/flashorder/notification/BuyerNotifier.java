package io.flashorder.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.events.EventStreams;
import io.flashorder.events.EventsConfig;
import io.flashorder.events.StreamGroupConsumer;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.platform.Ids;
import io.flashorder.security.PiiCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sends buyer notices from the order event stream: every pod is a consumer of the group
 * {@value EventStreams#NOTIFICATION_GROUP} ({@link StreamGroupConsumer}: at least once, retries with back-off). Each
 * channel of an event is sent at most once from the buyer's point of view: its row in notification_delivery is
 * written once the server took the message, and a channel with a row is never sent again; an event with a failed
 * channel stays pending and only that channel is retried, until the last attempt dead-letters it (metric
 * {@code flashorder.notifications.dead.letters}, admin list). Personal data is decrypted only here, to send, and
 * never logged: logs and stored errors name the event and channel only.
 */
@ApplicationScoped
public class BuyerNotifier implements StreamGroupConsumer.Handler {

    private static final int PARALLEL_EVENTS = 8;
    private static final Pattern EMAILS = Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;]+");
    private static final Pattern NUMBERS = Pattern.compile("\\+?\\d[\\d -]{5,}\\d");

    private final OrderQueries orders;
    private final NotificationPreferencesService preferences;
    private final NotificationDeliveries deliveries;
    private final NoticeTexts texts;
    private final EmailSender email;
    private final SmsProvider sms;
    private final PiiCipher pii;
    private final ObjectMapper json;
    private final NotificationConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final StreamGroupConsumer reader;

    public BuyerNotifier(ReactiveRedisDataSource redis, EventsConfig events, OrderQueries orders,
                         NotificationPreferencesService preferences, NotificationDeliveries deliveries,
                         NoticeTexts texts, EmailSender email, SmsProvider sms, PiiCipher pii, ObjectMapper json,
                         NotificationConfig config, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.texts = texts;
        this.email = email;
        this.sms = sms;
        this.pii = pii;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
        this.reader = new StreamGroupConsumer(redis, events, EventStreams.NOTIFICATION_GROUP,
                "notifier-" + Ids.newId(), List.of(EventStreams.ORDERS), PARALLEL_EVENTS, this);
    }

    @Scheduled(every = "${flashorder.notifications.every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return config.enabled() ? reader.run() : Uni.createFrom().voidItem();
    }

    /** Emits true when every channel of the event's notice is finished with. */
    @Override
    public Uni<Boolean> handle(String stream, StreamMessage<String, String, String> message, int attempt) {
        Map<String, String> fields = message.payload();
        String type = fields.get("type");
        if (type == null || !NoticeReader.concerns(type) || fields.get("orderId") == null) {
            return Uni.createFrom().item(true);
        }
        UUID eventId;
        UUID orderId;
        JsonNode payload;
        try {
            eventId = UUID.fromString(fields.get("eventId"));
            orderId = UUID.fromString(fields.get("orderId"));
            payload = json.readTree(fields.get("payload"));
        } catch (Exception unreadable) {
            Log.errorf("Event %s on %s cannot be read for a notice: %s", message.id(), stream, unreadable.toString());
            return Uni.createFrom().item(true);
        }
        return orders.stored(orderId).chain(order -> {
            if (order.isEmpty()) {
                Log.warnf("Event %s: order %s unknown, no notice", eventId, orderId);
                return Uni.createFrom().item(true);
            }
            Optional<Notice> notice = NoticeReader.read(eventId, type, payload, order.get().order());
            return notice.isEmpty() ? Uni.createFrom().item(true) : send(notice.get(), attempt);
        });
    }

    private Uni<Boolean> send(Notice notice, int attempt) {
        return preferences.profileOf(notice.buyerId())
                .chain(profile -> deliveries.finished(notice.eventId())
                        .chain(finished -> Multi.createFrom().items(Channel.values())
                                .filter(channel -> !finished.contains(channel) && profile.wants(channel, notice.kind()))
                                .onItem().transformToUniAndConcatenate(channel -> send(notice, profile, channel, attempt))
                                .collect().asList()))
                .map(results -> results.stream().allMatch(Boolean::booleanValue));
    }

    /** Sends on one channel; emits false when it failed (recorded, retried later). */
    private Uni<Boolean> send(Notice notice, NotificationProfile profile, Channel channel, int attempt) {
        if (channel == Channel.EMAIL && profile.emailEncrypted().isEmpty()) {
            return Uni.createFrom().item(true); // no address to send to
        }
        NoticeTexts.Rendered text = texts.render(notice, profile.locale());
        Uni<Void> sending = Uni.createFrom().deferred(() -> channel == Channel.EMAIL
                ? email.send(pii.decrypt(profile.emailEncrypted().get()), notice, text, profile.locale())
                : sms.send(pii.decrypt(notice.phoneEncrypted()), text.sms()));
        return sending
                .chain(() -> deliveries.sent(notice, channel, attempt, clock.instant()))
                .invoke(() -> counter("flashorder.notifications.sent", channel).increment())
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> {
                    String error = redacted(failure);
                    Log.infof("Notice %s of event %s by %s failed (attempt %d): %s", notice.kind(), notice.eventId(),
                            channel, attempt, error);
                    counter("flashorder.notifications.failures", channel).increment();
                    return deliveries.failed(notice, channel, attempt, error, clock.instant()).replaceWith(false);
                });
    }

    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        String eventId = message.payload().get("eventId");
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.giveUp(id, attempts, clock.instant())
                .invoke(channels -> channels.forEach(channel -> {
                    Log.errorf("Notice of event %s by %s given up after %d attempt(s)", eventId, channel, attempts);
                    counter("flashorder.notifications.dead.letters", channel).increment();
                }))
                .replaceWithVoid();
    }

    /** A failure as logs and operators see it: addresses and numbers a server's answer may quote are masked. */
    static String redacted(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return EMAILS.matcher(NUMBERS.matcher(text).replaceAll("<number>")).replaceAll("<email>");
    }

    private Counter counter(String name, Channel channel) {
        return Counter.builder(name).tag("channel", channel.name().toLowerCase())
                .description("Buyer notices by channel").register(meters);
    }
}
