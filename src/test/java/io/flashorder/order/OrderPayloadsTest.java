package io.flashorder.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allocation array of a reservation, as the writer and checkout read it from the script's answer. */
@QuarkusTest
class OrderPayloadsTest {

    @Inject
    OrderPayloads payloads;

    @Inject
    ObjectMapper json;

    @Test
    void emptyColumnsAreWrittenAsTheMapperWritesThemAndReadBack() throws JsonProcessingException {
        assertThat(payloads.write(List.of())).isEqualTo(json.writeValueAsString(List.of()));
        assertThat(payloads.write(Set.of())).isEqualTo(json.writeValueAsString(Set.of()));
        assertThat(payloads.rules(payloads.write(List.of()))).isEmpty();
        PlacedOrder.Rule rule = new PlacedOrder.Rule("PROMOTION", "r1", "Ten off", 1000);
        assertThat(payloads.write(List.of(rule))).isEqualTo(json.writeValueAsString(List.of(rule)));
        assertThat(payloads.rules(payloads.write(List.of(rule)))).containsExactly(rule);
    }

    @Test
    void allocationsAreReadFromAnArrayOrCjsonsEmptyObjectAndRefusedOtherwise() {
        UUID sku = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(payloads.allocations("[{\"sku\":\"" + sku + "\",\"warehouse\":\"" + warehouse + "\",\"quantity\":2},"
                + "{\"sku\":\"" + sku + "\",\"warehouse\":\"" + other + "\",\"quantity\":1}]"))
                .containsExactly(new Allocation(sku, warehouse, 2), new Allocation(sku, other, 1));
        // The service's own JSON is read without the duplicate-key check of clients' JSON (a hash set per object).
        assertThat(payloads.allocations("[{\"sku\":\"" + other + "\",\"sku\":\"" + sku + "\",\"warehouse\":\""
                + warehouse + "\",\"quantity\":2}]")).containsExactly(new Allocation(sku, warehouse, 2));
        assertThat(payloads.allocations("{}")).isEmpty(); // cjson's empty array
        assertThat(payloads.allocations("[]")).isEmpty();
        for (String broken : List.of("{\"sku\":1}", "[null]", "[{\"sku\":\"x\"}]", "[1]", "nope", "[] 1", " ", "{")) {
            assertThatThrownBy(() -> payloads.allocations(broken)).as(broken)
                    .isInstanceOf(MalformedOrderException.class);
        }
    }
}
