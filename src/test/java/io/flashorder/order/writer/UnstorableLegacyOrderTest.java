package io.flashorder.order.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flashorder.order.Allocation;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.json.StorableText;
import io.flashorder.platform.json.StrictJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An order entry written before the edge refused unstorable text is still read by the writer (so PostgreSQL's
 * refusal cancels it and releases its stock), and its storable copy holds nothing PostgreSQL refuses.
 */
class UnstorableLegacyOrderTest {

    private final ObjectMapper json = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS); // as Quarkus configures it
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static PlacedOrder legacyOrder() {
        UUID sku = UUID.randomUUID();
        PlacedOrder.Line line = new PlacedOrder.Line(UUID.randomUUID(), sku, "Lamp\u0000", 2, 100, 100, 200, 0, 200,
                List.of(new PlacedOrder.Rule("MEMBER_TIER", "GOLD", "Gold\uD800", 0)));
        return new PlacedOrder(UUID.randomUUID(), "buyer-1", null, PaymentMethod.ONLINE, "EUR", 200, 0, 0, 200,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:30:00Z"),
                new PlacedOrder.Address("r", "p", "NORTH", "d"), "note\u0000", List.of(), List.of(),
                List.of(new PlacedOrder.MerchantPart(UUID.randomUUID(), UUID.randomUUID(), 200, 0, 0, 200,
                        List.of(line))), null);
    }

    @Test
    void theWriterStillReadsAnEntryWithTextTheEdgeNowRefuses() throws Exception {
        String payload = json.writeValueAsString(legacyOrder());
        assertThatThrownBy(() -> json.readValue(payload, PlacedOrder.class)).as("the edge's rule")
                .hasMessageContaining("cannot be stored");

        PlacedOrder read = new OrderPayloads(json).order(payload);
        assertThat(read.buyerNote()).isEqualTo("note\u0000");
        assertThat(read.merchantOrders().get(0).lines().get(0).title()).isEqualTo("Lamp\u0000");
    }

    @Test
    void theStorableCopyDropsTheNoteAndCleansTheRest() {
        PlacedOrder order = legacyOrder();
        PersistableOrder copy = PersistableOrder.of(order, List.of(new Allocation(
                order.merchantOrders().get(0).lines().get(0).skuId(), UUID.randomUUID(), 2))).storableCopy();
        assertThat(copy.order().buyerNote()).isNull();
        PlacedOrder.Line line = copy.order().merchantOrders().get(0).lines().get(0);
        assertThat(line.title()).isEqualTo("Lamp\uFFFD");
        assertThat(StorableText.isStorable(line.discounts().get(0).name())).isTrue();
        assertThat(copy.order().id()).isEqualTo(order.id());
        assertThat(copy.lineAllocations()).hasSize(1);
        assertThat(copy.reservedStock().skus()).singleElement()
                .satisfies(units -> assertThat(units.quantity()).isEqualTo(2));
    }
}
