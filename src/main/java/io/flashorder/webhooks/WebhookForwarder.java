package io.flashorder.webhooks;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventStreams;
import io.flashorder.events.SharedGroupMember;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.settings.MerchantSettingsService;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhooks' member of the shared group of {@value EventStreams#ORDERS}: copies the order events a merchant's
 * webhook is to be told of to {@value EventStreams#WEBHOOKS}, which {@link WebhookDelivery} reads, and lets every
 * other event go without a Redis command. A consumer group read is most of what an event costs Redis, and most
 * events are for merchants without a webhook; a merchant that is down is retried on the webhook stream by its own
 * group, so it never holds the buyers' notices or the analytics back. The copies of one read go in one script call
 * ({@code forward_events.lua}) under their entry ids, so an entry the shared group hands out again (another member
 * asked for a retry) is not copied twice. An entry that cannot be read is copied as it is: delivery dead-letters it.
 */
@ApplicationScoped
public class WebhookForwarder implements SharedGroupMember {

    private static final LuaScript FORWARD = LuaScript.load("forward_events");

    private final RedisScripts scripts;
    private final MerchantSettingsService settings;
    private final CatalogSnapshotService catalog;
    private final String target;

    @Inject
    public WebhookForwarder(RedisScripts scripts, MerchantSettingsService settings, CatalogSnapshotService catalog) {
        this(scripts, settings, catalog, EventStreams.WEBHOOKS);
    }

    /** Copies to {@code target} instead of {@value EventStreams#WEBHOOKS} (tests: a stream no delivery reads). */
    WebhookForwarder(RedisScripts scripts, MerchantSettingsService settings, CatalogSnapshotService catalog,
                     String target) {
        this.scripts = scripts;
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

    /** Every entry is finished with once the script has copied those that are to be delivered. */
    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        Set<String> ids = messages.stream().map(StreamMessage::id).collect(Collectors.toSet());
        CatalogSnapshot snapshot = catalog.current();
        List<String> args = new ArrayList<>();
        for (StreamMessage<String, String, String> message : messages) {
            if (toDeliver(stream, message, snapshot)) {
                Map<String, String> fields = message.payload();
                args.add(message.id());
                args.add(fields.getOrDefault("eventId", ""));
                args.add(Integer.toString(fields.size() * 2));
                fields.forEach((name, value) -> {
                    args.add(name);
                    args.add(value);
                });
            }
        }
        return args.isEmpty() ? Uni.createFrom().item(ids)
                : scripts.run(FORWARD, List.of(target), args).replaceWith(ids);
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
