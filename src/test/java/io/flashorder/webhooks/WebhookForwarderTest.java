package io.flashorder.webhooks;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventType;
import io.flashorder.settings.MerchantSettingsService;
import io.flashorder.support.Catalog;
import io.flashorder.support.Webhooks;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the webhooks' member of the shared order-event group copies to the webhook stream: the events of merchants
 * with a webhook, once each however often the shared group hands them out, under their entry ids on the order event
 * stream; nothing for a merchant without one.
 */
@QuarkusTest
class WebhookForwarderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReactiveRedisDataSource reactiveRedis;
    @Inject
    RedisDataSource redis;
    @Inject
    MerchantSettingsService settings;
    @Inject
    CatalogSnapshotService catalog;

    /** A stream of this test's own, for fresh entry ids: the forwarder only reads the entries it is given. */
    private final String source = "test:{p}:forwarded-" + UUID.randomUUID();
    /** And a webhook stream of its own, which no other test writes to and no delivery reads. */
    private final String target = "test:{p}:webhooks-" + UUID.randomUUID();
    private WebhookForwarder forwarder;

    @BeforeEach
    void forwarder() {
        forwarder = new WebhookForwarder(reactiveRedis, settings, catalog, target);
    }

    @AfterEach
    void cleanUp() {
        redis.key().del(source, target);
    }

    @Test
    void eventsOfMerchantsWithAWebhookAreCopiedOnceUnderTheirIdsAndOthersNotAtAll() {
        UUID hooked = merchantWithWebhook();
        UUID silent = Catalog.merchant("No webhook shop " + UUID.randomUUID());
        StreamMessage<String, String, String> toDeliver = entry(hooked);
        StreamMessage<String, String, String> notToDeliver = entry(silent);

        assertThat(forward(toDeliver, notToDeliver)).containsExactlyInAnyOrder(toDeliver.id(), notToDeliver.id());
        assertThat(forward(toDeliver, notToDeliver)).as("handed out again: finished again, copied no more")
                .containsExactlyInAnyOrder(toDeliver.id(), notToDeliver.id());
        forwarder.giveUp(source, toDeliver, 4).await().atMost(WAIT);

        assertThat(copiesOf(toDeliver)).extracting(StreamMessage::id).containsExactly(toDeliver.id());
        assertThat(copiesOf(toDeliver).getFirst().payload()).isEqualTo(toDeliver.payload());
        assertThat(copiesOf(notToDeliver)).isEmpty();
    }

    @Test
    void anEntryBelowTheWebhookStreamsLastIdIsCopiedUnderANewIdUnlessThatIdHoldsTheSameEvent() {
        UUID hooked = merchantWithWebhook();
        StreamMessage<String, String, String> late = entry(hooked);
        StreamMessage<String, String, String> later = entry(hooked);
        // Another event holds the late entry's id on the webhook stream (a copy made under a new id), and a later
        // entry was copied before the late one.
        redis.stream(String.class).xadd(target, new XAddArgs().id(late.id()),
                Map.of("eventId", UUID.randomUUID().toString()));
        forward(later);

        forward(late);

        assertThat(copiesOf(late)).hasSize(1);
        assertThat(copiesOf(late).getFirst().id()).isNotEqualTo(late.id());
        assertThat(copiesOf(later)).extracting(StreamMessage::id).containsExactly(later.id());
    }

    private UUID merchantWithWebhook() {
        UUID merchant = Catalog.merchant("Webhook shop " + UUID.randomUUID());
        Webhooks.subscribe(merchant, Webhooks.NOWHERE, "whsec-forwarder-0123456789");
        assertThat(settings.of(merchant).webhook()).isPresent();
        return merchant;
    }

    /** An order event of the merchant, added to this test's stream for a fresh entry id. */
    private StreamMessage<String, String, String> entry(UUID merchant) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("type", EventType.ORDER_PAID.name());
        fields.put("occurredAt", Instant.now().toString());
        fields.put("orderId", UUID.randomUUID().toString());
        fields.put("merchantId", merchant.toString());
        fields.put("payload", "{}");
        String id = redis.stream(String.class).xadd(source, fields);
        return new StreamMessage<>(source, id, fields);
    }

    @SafeVarargs
    private List<String> forward(StreamMessage<String, String, String>... messages) {
        return List.copyOf(forwarder.handleAll(source, List.of(messages), 1, 1).await().atMost(WAIT));
    }

    private List<StreamMessage<String, String, String>> copiesOf(StreamMessage<String, String, String> message) {
        return redis.stream(String.class).xrange(target, StreamRange.of("-", "+")).stream()
                .filter(copy -> message.payload().get("eventId").equals(copy.payload().get("eventId"))).toList();
    }
}
