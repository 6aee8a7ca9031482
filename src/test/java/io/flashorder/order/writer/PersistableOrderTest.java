package io.flashorder.order.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flashorder.order.Allocation;
import io.flashorder.order.MalformedOrderException;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Turning a stream entry into rows: allocations split onto lines, and entries that can never be written refused. */
class PersistableOrderTest {

    private static final UUID SKU_A = UUID.randomUUID();
    private static final UUID SKU_B = UUID.randomUUID();
    private static final UUID NORTH = UUID.randomUUID();
    private static final UUID SOUTH = UUID.randomUUID();

    private final OrderPayloads payloads = new OrderPayloads(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void perSkuAllocationsAreSplitOntoLinesInOrder() {
        // Two lines of the same SKU (4 + 2 units) served by 3 from NORTH and 3 from SOUTH, plus one line of B.
        PlacedOrder.Line first = line(SKU_A, 4);
        PlacedOrder.Line second = line(SKU_A, 2);
        PlacedOrder.Line other = line(SKU_B, 1);
        PlacedOrder order = order(List.of(first, second, other));

        PersistableOrder persistable = PersistableOrder.of(order, List.of(new Allocation(SKU_A, NORTH, 3),
                new Allocation(SKU_B, SOUTH, 1), new Allocation(SKU_A, SOUTH, 3)));

        assertThat(persistable.lineAllocations()).containsExactly(
                new PersistableOrder.LineAllocation(first.id(), NORTH, 3),
                new PersistableOrder.LineAllocation(first.id(), SOUTH, 1),
                new PersistableOrder.LineAllocation(second.id(), SOUTH, 2),
                new PersistableOrder.LineAllocation(other.id(), SOUTH, 1));
    }

    @Test
    void allocationsMustCoverExactlyTheOrderedUnits() {
        PlacedOrder order = order(List.of(line(SKU_A, 2)));
        assertThatThrownBy(() -> PersistableOrder.of(order, List.of(new Allocation(SKU_A, NORTH, 1))))
                .isInstanceOf(MalformedOrderException.class).hasMessageContaining("fewer allocated units");
        assertThatThrownBy(() -> PersistableOrder.of(order, List.of(new Allocation(SKU_A, NORTH, 3))))
                .isInstanceOf(MalformedOrderException.class).hasMessageContaining("more allocated units");
        assertThatThrownBy(() -> PersistableOrder.of(order, List.of(new Allocation(SKU_A, NORTH, 2),
                new Allocation(SKU_B, NORTH, 1))))
                .isInstanceOf(MalformedOrderException.class).hasMessageContaining("more allocated units");
    }

    @Test
    void incompleteOrdersAreRefused() {
        PlacedOrder noLines = order(List.of());
        assertThatThrownBy(() -> PersistableOrder.of(noLines, List.of()))
                .isInstanceOf(MalformedOrderException.class).hasMessageContaining("has no line");
        PlacedOrder.Line line = line(SKU_A, 1);
        PlacedOrder reusedId = order(List.of(line, line));
        assertThatThrownBy(() -> PersistableOrder.of(reusedId, List.of(new Allocation(SKU_A, NORTH, 2))))
                .isInstanceOf(MalformedOrderException.class).hasMessageContaining("used twice");
    }

    @Test
    void cjsonEmptyObjectIsAnEmptyAllocationAndArraysAreRead() {
        assertThat(payloads.allocations("{}")).isEmpty();
        assertThat(payloads.allocations("[]")).isEmpty();
        assertThat(payloads.allocations("[{\"sku\":\"" + SKU_A + "\",\"warehouse\":\"" + NORTH + "\",\"quantity\":2}]"))
                .containsExactly(new Allocation(SKU_A, NORTH, 2));
        assertThatThrownBy(() -> payloads.allocations("{\"sku\":1}")).isInstanceOf(MalformedOrderException.class);
        assertThatThrownBy(() -> payloads.order("[1,2]")).isInstanceOf(MalformedOrderException.class);
    }

    @Test
    void payloadRoundTripsThroughJson() {
        PlacedOrder order = order(List.of(line(SKU_A, 1)));
        assertThat(payloads.order(payloads.write(order))).isEqualTo(order);
    }

    private static PlacedOrder.Line line(UUID sku, int quantity) {
        return new PlacedOrder.Line(UUID.randomUUID(), sku, "Item", quantity, 1200, 1000, 1000L * quantity, 0,
                1000L * quantity, List.of());
    }

    private static PlacedOrder order(List<PlacedOrder.Line> lines) {
        Instant now = Instant.parse("2030-01-01T10:00:00Z");
        return new PlacedOrder(UUID.randomUUID(), "buyer", null, PaymentMethod.ONLINE, "EUR", 1000, 0, 0, 1000, now,
                now.plusSeconds(1800), new PlacedOrder.Address("v1:r", "v1:p", "NORTH", "v1:d"), null, List.of(),
                List.of(), List.of(new PlacedOrder.MerchantPart(UUID.randomUUID(), UUID.randomUUID(), 1000, 0, 0, 1000,
                        lines)), null);
    }
}
