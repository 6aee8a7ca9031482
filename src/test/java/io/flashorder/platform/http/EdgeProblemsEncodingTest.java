package io.flashorder.platform.http;

import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.error.Problem;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A problem encoded once and given each request's id is the document Json.encode makes for that request. */
class EdgeProblemsEncodingTest {

    private static final Problem SOLD_OUT = Problem.of(409, "sold-out", "Conflict", "Not enough stock")
            .withExtensions(Map.of("skus", List.of(Map.of("skuId", UUID.randomUUID().toString(), "available", 0))))
            .withInstance("/api/v1/orders");

    @Test
    void eachRequestGetsItsOwnIdInTheSameDocument() {
        for (String id : List.of("01a2310c-5e27-7000-9f3a-4c1f2b8e6d10", "client:42", "a\"b\\c\u0001", "x")) {
            String encoded = EdgeProblems.encode(SOLD_OUT, id);
            assertThat(encoded).isEqualTo(Json.encode(SOLD_OUT.withRequestId(id)));
            assertThat(new JsonObject(encoded).getString("requestId")).isEqualTo(id);
        }
    }

    @Test
    void problemsWithFieldsOrWithoutAnIdAreEncodedAsBefore() {
        Problem invalid = Problem.of(400, "validation-failed", "Invalid request", "The request has 1 invalid field(s)")
                .withErrors(List.of(new FieldViolation("items[0].quantity", "must be less than or equal to 99")));
        assertThat(EdgeProblems.encode(invalid, "r-1")).isEqualTo(Json.encode(invalid.withRequestId("r-1")));
        assertThat(EdgeProblems.encode(invalid, "r-2")).isEqualTo(Json.encode(invalid.withRequestId("r-2")));
        assertThat(EdgeProblems.encode(invalid, null)).isEqualTo(Json.encode(invalid));
    }

    @Test
    void aDetailThatLooksLikeThePlaceholderIsLeftAlone() {
        Problem tricky = Problem.of(400, "malformed-json", "Bad request", "\"requestId\":\"\u0001\"");
        assertThat(EdgeProblems.encode(tricky, "r-3")).isEqualTo(Json.encode(tricky.withRequestId("r-3")));
    }
}
