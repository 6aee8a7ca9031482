package io.flashorder.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashorder.events.EventPayloads;
import io.flashorder.events.EventStreams;
import io.flashorder.events.SharedEntry;
import io.flashorder.events.SharedGroupMember;
import io.flashorder.order.query.OrderHeader;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.security.PiiCipher;
import io.flashorder.security.PiiText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends buyer notices from the order event stream, a read's batch of events at a time (their orders' headers, the buyers'
 * profiles and what was sent already read once for the batch; its texts go to the SMS provider in one call): a member
 * of the group {@value EventStreams#ANALYTICS_NOTIFICATIONS_GROUP} every pod reads ({@link SharedGroupMember}: at
 * least once, retries with back-off; an event another member asked to retry finds its channels finished). Each
 * channel of an event is sent at most once from the buyer's point of view: its row in notification_delivery is
 * written once the server took the message, and a channel with a row is never sent again; an event with a failed
 * channel stays pending and only that channel is retried, until the last attempt dead-letters it (metric
 * {@code flashorder.notifications.dead.letters}, admin list). Personal data is decrypted only here, to send, and
 * never logged: logs and stored errors name the event and channel only.
 */
@ApplicationScoped
public class BuyerNotifier implements SharedGroupMember {

    private final OrderQueries orders;
    private final NotificationPreferencesService preferences;
    private final NotificationDeliveries deliveries;
    private final NoticeTexts texts;
    private final EmailSender email;
    private final SmsProvider sms;
    private final PiiCipher pii;
    private final EventPayloads payloads;
    private final NotificationConfig config;
    private final Clock clock;
    private final Map<Channel, Counter> sentCounters = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failureCounters = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> deadLetterCounters = new EnumMap<>(Channel.class);

    public BuyerNotifier(OrderQueries orders,
                         NotificationPreferencesService preferences, NotificationDeliveries deliveries,
                         NoticeTexts texts, EmailSender email, SmsProvider sms, PiiCipher pii, EventPayloads payloads,
                         NotificationConfig config, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.texts = texts;
        this.email = email;
        this.sms = sms;
        this.pii = pii;
        this.payloads = payloads;
        this.config = config;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            sentCounters.put(channel, counter(meters, "flashorder.notifications.sent", channel));
            failureCounters.put(channel, counter(meters, "flashorder.notifications.failures", channel));
            deadLetterCounters.put(channel, counter(meters, "flashorder.notifications.dead.letters", channel));
        }
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public String retiredGroup() {
        return EventStreams.RETIRED_NOTIFICATION_GROUP;
    }

    /**
     * A batch of events with a few reads for all of them (their orders, the buyers' profiles, what was sent already)
     * and one write of what became of each channel. An event read twice in one batch is sent once.
     */
    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        return handleRead(stream, payloads.entries(messages), attempt, parallel);
    }

    @Override
    public Uni<Set<String>> handleRead(String stream, List<SharedEntry> entries, int attempt, int parallel) {
        Set<String> finished = new HashSet<>();
        Map<UUID, OrderEvent> events = new LinkedHashMap<>();
        for (SharedEntry entry : entries) {
            OrderEvent event = OrderEvent.read(stream, entry);
            if (event == null) {
                finished.add(entry.message().id());
            } else {
                events.computeIfAbsent(event.eventId(), id -> event).messageIds().add(entry.message().id());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(finished);
        }
        return orders.headers(events.values().stream().map(OrderEvent::orderId).distinct().toList())
                .chain(headers -> {
                    List<Addressed> notices = new ArrayList<>();
                    for (OrderEvent event : events.values()) {
                        OrderHeader order = headers.get(event.orderId());
                        Optional<Notice> notice = order == null ? Optional.empty()
                                : NoticeReader.read(event.eventId(), event.type(), event.payload(), order);
                        if (order == null) {
                            Log.warnf("Event %s: order %s unknown, no notice", event.eventId(), event.orderId());
                        }
                        if (notice.isEmpty()) {
                            finished.addAll(event.messageIds());
                        } else {
                            notices.add(new Addressed(notice.get(), event.messageIds()));
                        }
                    }
                    return send(notices, attempt, parallel);
                })
                .map(sent -> {
                    finished.addAll(sent);
                    return finished;
                });
    }

    /** Sends every notice on each channel it still needs; emits the message ids whose notice is finished with. */
    private Uni<Set<String>> send(List<Addressed> notices, int attempt, int parallel) {
        if (notices.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Set<String> buyers = notices.stream().map(n -> n.notice().buyerId()).collect(Collectors.toSet());
        return preferences.profilesOf(buyers)
                .chain(profiles -> deliveries.finished(notices.stream().map(n -> n.notice().eventId()).toList())
                        .chain(done -> deliver(sendings(notices, profiles, done), attempt, parallel)))
                .call(outcomes -> deliveries.recordAll(outcomes, attempt, clock.instant()))
                .map(outcomes -> {
                    Set<UUID> unfinished = outcomes.stream().filter(outcome -> !outcome.sent())
                            .map(outcome -> outcome.notice().eventId()).collect(Collectors.toSet());
                    return notices.stream().filter(n -> !unfinished.contains(n.notice().eventId()))
                            .flatMap(n -> n.messageIds().stream()).collect(Collectors.toSet());
                });
    }

    /** Each channel each notice still needs: not finished with, wanted by the buyer, and with an address to use. */
    private List<Sending> sendings(List<Addressed> notices, Map<String, NotificationProfile> profiles,
                                          Map<UUID, Set<Channel>> done) {
        List<Sending> sendings = new ArrayList<>();
        for (Addressed addressed : notices) {
            Notice notice = addressed.notice();
            NotificationProfile profile = profiles.get(notice.buyerId());
            Set<Channel> finished = done.getOrDefault(notice.eventId(), Set.of());
            Rendering text = null;
            for (Channel channel : Channel.values()) {
                if (!finished.contains(channel) && profile.wants(channel, notice.kind())
                        && (channel != Channel.EMAIL || profile.emailEncrypted().isPresent())) {
                    text = text == null ? new Rendering(notice, profile.locale()) : text;
                    sendings.add(new Sending(notice, profile, channel, text));
                }
            }
        }
        return sendings;
    }

    /**
     * Emails one by one ({@code parallel} at a time), and every text of the batch in one call to the SMS provider;
     * the outcomes say which failed (recorded, retried later).
     */
    private Uni<List<NotificationDeliveries.Outcome>> deliver(List<Sending> sendings, int attempt, int parallel) {
        List<Sending> texts = sendings.stream().filter(sending -> sending.channel() == Channel.SMS).toList();
        return Multi.createFrom().iterable(sendings).filter(sending -> sending.channel() == Channel.EMAIL)
                .onItem().transformToUni(sending -> sendEmail(sending, attempt)).merge(parallel)
                .collect().asList()
                .chain(mailed -> sendTexts(texts, attempt).map(texted -> {
                    List<NotificationDeliveries.Outcome> outcomes = new ArrayList<>(mailed);
                    outcomes.addAll(texted);
                    return outcomes;
                }));
    }

    private Uni<NotificationDeliveries.Outcome> sendEmail(Sending sending, int attempt) {
        Notice notice = sending.notice();
        return Uni.createFrom().deferred(() -> email.send(pii.decrypt(sending.profile().emailEncrypted().get()), notice,
                        sending.text().get(), sending.profile().locale()))
                .map(sent -> outcome(sending, null, attempt))
                .onFailure().recoverWithItem(failure -> outcome(sending, failure, attempt));
    }

    /** The texts in one call to the provider; one that cannot be made (its phone unreadable) fails alone. */
    private Uni<List<NotificationDeliveries.Outcome>> sendTexts(List<Sending> texts, int attempt) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Throwable[] failures = new Throwable[texts.size()];
        List<SmsProvider.Text> made = new ArrayList<>(texts.size());
        List<Integer> madeFrom = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Sending sending = texts.get(i);
            try {
                made.add(new SmsProvider.Text(pii.decrypt(sending.notice().phoneEncrypted()), sending.text().sms()));
                madeFrom.add(i);
            } catch (RuntimeException unmade) {
                failures[i] = unmade;
            }
        }
        Uni<List<Optional<Throwable>>> sent = made.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.createFrom().deferred(() -> sms.sendAll(made))
                        .onFailure().recoverWithItem(failure -> Collections.nCopies(made.size(), Optional.of(failure)));
        return sent.map(results -> {
            for (int j = 0; j < madeFrom.size(); j++) {
                failures[madeFrom.get(j)] = results.get(j).orElse(null);
            }
            List<NotificationDeliveries.Outcome> outcomes = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                outcomes.add(outcome(texts.get(i), failures[i], attempt));
            }
            return outcomes;
        });
    }

    /** What became of one channel (failure null: sent), counted and, when it failed, logged. */
    private NotificationDeliveries.Outcome outcome(Sending sending, Throwable failure, int attempt) {
        Notice notice = sending.notice();
        Channel channel = sending.channel();
        if (failure == null) {
            sentCounters.get(channel).increment();
            return new NotificationDeliveries.Outcome(notice, channel, true, null);
        }
        String error = redacted(failure);
        Log.infof("Notice %s of event %s by %s failed (attempt %d): %s", notice.kind(), notice.eventId(), channel,
                attempt, error);
        failureCounters.get(channel).increment();
        return new NotificationDeliveries.Outcome(notice, channel, false, error);
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
                    deadLetterCounters.get(channel).increment();
                }))
                .replaceWithVoid();
    }

    /** A failure as logs and operators see it: addresses and numbers a server's answer may quote are masked. */
    static String redacted(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + PiiText.mask(failure.getMessage());
    }

    private static Counter counter(MeterRegistry meters, String name, Channel channel) {
        return Counter.builder(name).tag("channel", channel.name().toLowerCase())
                .description("Buyer notices by channel").register(meters);
    }

    /** An order event a notice may come from, with the stream entries that carried it. */
    private record OrderEvent(UUID eventId, UUID orderId, String type, JsonNode payload, List<String> messageIds) {

        /** Null when the entry is nothing to notify about (or cannot be read: logged, never retried). */
        static OrderEvent read(String stream, SharedEntry entry) {
            Map<String, String> fields = entry.fields();
            String type = fields == null ? null : fields.get("type");
            if (type == null || !NoticeReader.concerns(type) || fields.get("orderId") == null) {
                return null;
            }
            try {
                return new OrderEvent(UUID.fromString(fields.get("eventId")), UUID.fromString(fields.get("orderId")),
                        type, entry.payload(), new ArrayList<>());
            } catch (Exception unreadable) {
                Log.errorf("Event %s on %s cannot be read for a notice: %s", entry.message().id(), stream,
                        unreadable.toString());
                return null;
            }
        }
    }

    private record Addressed(Notice notice, List<String> messageIds) {
    }

    private record Sending(Notice notice, NotificationProfile profile, Channel channel, Rendering text) {
    }

    /** The notice's texts, rendered once for all its channels; the email only when an email goes out. */
    private final class Rendering {

        private final Notice notice;
        private final BuyerLocale locale;
        private NoticeTexts.Rendered rendered;

        Rendering(Notice notice, BuyerLocale locale) {
            this.notice = notice;
            this.locale = locale;
        }

        NoticeTexts.Rendered get() {
            if (rendered == null) {
                rendered = texts.render(notice, locale);
            }
            return rendered;
        }

        String sms() {
            return rendered != null ? rendered.sms() : texts.sms(notice, locale);
        }
    }
}
