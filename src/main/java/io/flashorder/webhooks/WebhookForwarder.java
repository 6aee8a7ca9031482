package io.flashorder.webhooks;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventStreams;
import io.flashorder.events.SharedEntry;
import io.flashorder.events.SharedGroupMember;
import io.flashorder.settings.MerchantSettingsService;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhooks' member of the shared group of {@value EventStreams#ORDERS}: copies the order events a merchant's
 * webhook is to be told of to {@value EventStreams#WEBHOOKS}, which {@link WebhookDelivery} reads, and lets every
 * other event go without a Redis command. A consumer group read is most of what an event costs Redis, and many
 * events are for merchants without a webhook; a merchant that is down is retried on the webhook stream by its own
 * group, so it never holds the buyers' notices or the analytics back. Each copy is a plain XADD under the entry's
 * id, so an entry the shared group hands out again (another member asked for a retry) is not copied twice. An entry
 * that cannot be read is copied as it is: delivery dead-letters it.
 */
@ApplicationScoped
public class WebhookForwarder implements SharedGroupMember {

    /** Redis's refusal of an XADD under an id not after the stream's last one. */
    private static final String ID_TOO_SMALL = "equal or smaller than the target stream top item";
    private static final int COPIES_IN_FLIGHT = 16;

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final MerchantSettingsService settings;
    private final CatalogSnapshotService catalog;
    private final String target;

    @Inject
    public WebhookForwarder(ReactiveRedisDataSource redis, MerchantSettingsService settings,
                            CatalogSnapshotService catalog) {
        this(redis, settings, catalog, EventStreams.WEBHOOKS);
    }

    /** Copies to {@code target} instead of {@value EventStreams#WEBHOOKS} (tests: a stream no delivery reads). */
    WebhookForwarder(ReactiveRedisDataSource redis, MerchantSettingsService settings, CatalogSnapshotService catalog,
                     String target) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.settings = settings;
        this.catalog = catalog;
        this.target = target;
    }

    @Override
    public String name() {
        return "webhooks";
    }

    /** Always: forwarding only writes to Redis; whether this pod calls merchants is {@link WebhookDelivery}'s. */
    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String retiredGroup() {
        return EventStreams.WEBHOOK_GROUP;
    }

    /** Copies by the entries' fields alone: the payload is not read. */
    @Override
    public Uni<Set<String>> handleRead(String stream, List<SharedEntry> entries, int attempt, int parallel) {
        return handleAll(stream, entries.stream().map(SharedEntry::message).toList(), attempt, parallel);
    }

    /** Every entry is finished with once those that are to be delivered have been copied. */
    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        Set<String> ids = messages.stream().map(StreamMessage::id).collect(Collectors.toSet());
        CatalogSnapshot snapshot = catalog.current();
        List<StreamMessage<String, String, String>> copied = messages.stream()
                .filter(message -> toDeliver(stream, message, snapshot)).toList();
        if (copied.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return Multi.createFrom().iterable(copied)
                .onItem().transformToUni(this::copy).merge(COPIES_IN_FLIGHT)
                .collect().last().replaceWith(ids);
    }

    /**
     * One plain XADD under the entry's own id (half what the same copy costs Redis inside a script). Refused when the
     * webhook stream is past that id: a repeat (the id holds this event) is done; otherwise (another pod copied later
     * entries first, or a copy under a new id took it) it is copied under a new id.
     */
    private Uni<Void> copy(StreamMessage<String, String, String> message) {
        return redis.execute(Command.XADD, xadd(message.id(), message.payload())).replaceWithVoid()
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains(ID_TOO_SMALL))
                .recoverWithUni(() -> streams.xrange(target, StreamRange.of(message.id(), message.id()))
                        .chain(there -> there.stream().anyMatch(copy -> sameEvent(copy.payload(), message.payload()))
                                ? Uni.createFrom().voidItem()
                                : redis.execute(Command.XADD, xadd("*", message.payload())).replaceWithVoid()));
    }

    private String[] xadd(String id, Map<String, String> fields) {
        String[] arguments = new String[2 + fields.size() * 2];
        arguments[0] = target;
        arguments[1] = id;
        int i = 2;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            arguments[i++] = field.getKey();
            arguments[i++] = field.getValue();
        }
        return arguments;
    }

    private static boolean sameEvent(Map<String, String> copy, Map<String, String> original) {
        return original.get("eventId") != null && original.get("eventId").equals(copy.get("eventId"));
    }

    /** After the last attempt: copied if it is to be delivered (a repeat is not), so delivery owns what happens next. */
    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        return handleAll(stream, List.of(message), attempts, 1).replaceWithVoid();
    }

    private boolean toDeliver(String stream, StreamMessage<String, String, String> message, CatalogSnapshot snapshot) {
        if (message.payload() == null || message.payload().isEmpty()) {
            return false;
        }
        try {
            return DeliverableEvent.merchantOf(stream, message.id(), message.payload(), snapshot)
                    .flatMap(merchant -> settings.of(merchant).webhook()).isPresent();
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }
}
