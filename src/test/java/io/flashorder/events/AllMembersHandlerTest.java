package io.flashorder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.platform.json.StrictJson;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One read of the shared group: every member gets every entry, each payload parsed once for all of them. */
class AllMembersHandlerTest {

    @Test
    void membersShareOneParseOfEachPayloadAndAnEntryFinishesWhenAllFinishedIt() {
        ReadingMember first = new ReadingMember("first", Set.of("1-0", "2-0"));
        ReadingMember second = new ReadingMember("second", Set.of("2-0", "3-0"));
        AllMembersHandler handler = new AllMembersHandler(List.of(first, second), new EventPayloads(new ObjectMapper()));

        Set<String> finished = handler.handleAll(EventStreams.ORDERS, List.of(entry("1-0", "{\"a\":1}"),
                        entry("2-0", "{\"a\":2}"), entry("3-0", "not json")), 1, 1)
                .await().atMost(Duration.ofSeconds(5));

        assertThat(finished).containsExactly("2-0");
        assertThat(first.payloads).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(second.payloads.get(i)).isSameAs(first.payloads.get(i)); // the same tree, not a second parse
        }
        assertThat(first.payloads.get(1).path("a").asInt()).isEqualTo(2);
        assertThat(first.payloads.get(2)).isNull(); // unreadable for both
        assertThat(second.payloads.get(2)).isNull();
    }

    @Test
    void payloadsAreTheServicesOwnJsonAndNotCheckedForKeysTwice() throws JsonProcessingException {
        ObjectMapper strict = new ObjectMapper();
        new StrictJson().customize(strict);
        String twice = "{\"a\":1,\"a\":2}";
        assertThatThrownBy(() -> strict.readTree(twice)).isInstanceOf(JsonProcessingException.class);
        // The check keeps a hash set per object: the service's own payloads are read without it.
        assertThat(new EventPayloads(strict).read(twice).path("a").asInt()).isEqualTo(2);
    }

    private static StreamMessage<String, String, String> entry(String id, String payload) {
        return new StreamMessage<>(EventStreams.ORDERS, id, Map.of("eventId", id, "payload", payload));
    }

    /** Reads every entry's payload (null when unreadable) and finishes the entries it is told to. */
    private static final class ReadingMember implements SharedGroupMember {

        private final String name;
        private final Set<String> finishes;
        private final List<JsonNode> payloads = new ArrayList<>();

        ReadingMember(String name, Set<String> finishes) {
            this.name = name;
            this.finishes = finishes;
        }

        @Override
        public Uni<Set<String>> handleRead(String stream, List<SharedEntry> entries, int attempt, int parallel) {
            for (SharedEntry entry : entries) {
                try {
                    payloads.add(entry.payload());
                } catch (JsonProcessingException unreadable) {
                    payloads.add(null);
                }
            }
            return Uni.createFrom().item(entries.stream().map(entry -> entry.message().id())
                    .filter(finishes::contains).collect(Collectors.toSet()));
        }

        @Override
        public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages,
                                          int attempt, int parallel) {
            throw new AssertionError("the shared group hands its reads to handleRead");
        }

        @Override
        public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String retiredGroup() {
            return name;
        }
    }
}
