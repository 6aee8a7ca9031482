package io.flashorder.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries an X-Request-Id (the caller's, when it is a plain token, else a new one), and every problem
 * document names the same id, whether the REST layer or the edge answered it.
 */
@QuarkusTest
class RequestIdTest {

    private static final String HEADER = "X-Request-Id";

    @Test
    void theCallersIdIsEchoedAndNamedInTheProblem() {
        String id = "client-" + UUID.randomUUID();
        given().header(HEADER, id).header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body("{\"name\":")
                .post("/api/v1/admin/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .header(HEADER, id).body("requestId", equalTo(id));
    }

    @Test
    void withoutOneTheServiceMakesOneAndNamesIt() {
        Response answer = given().get("/api/v1/orders/" + UUID.randomUUID());
        answer.then().statusCode(401).contentType("application/problem+json");
        String id = answer.header(HEADER);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(answer.jsonPath().getString("requestId")).isEqualTo(id);
        // A second request gets another one.
        assertThat(given().get("/api/v1/ping").then().statusCode(200).extract().header(HEADER)).isNotEqualTo(id);
    }

    @Test
    void aSuccessCarriesTheIdToo() {
        given().header(HEADER, "trace.42:a_b-c").get("/api/v1/ping")
                .then().statusCode(200).header(HEADER, "trace.42:a_b-c");
    }

    @Test
    void anIdThatCouldForgeALogLineIsReplaced() {
        for (String given : new String[] {"a b", "x".repeat(129), "line\tbreak", "{\"json\":1}"}) {
            String answered = given().header(HEADER, given).get("/api/v1/ping").then().statusCode(200)
                    .extract().header(HEADER);
            assertThat(answered).as(given).isNotEqualTo(given).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void problemsAnsweredAtTheEdgeNameItToo() {
        String id = "edge-" + UUID.randomUUID();
        // A request target past flashorder.http.max-uri-length: refused by the request guard, before any REST code.
        given().header(HEADER, id).get("/api/v1/ping?q=" + "a".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .header(HEADER, id).body("requestId", equalTo(id));
        // No route at all.
        given().header(HEADER, id).get("/no/such/path")
                .then().statusCode(404).contentType("application/problem+json").body("requestId", equalTo(id));
    }
}
