package io.flashorder.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class OpsEndpointsTest {

    @Test
    void readinessChecksWhatTheHotPathNeedsAndReportsPostgres() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("order-taking", "order-writer", "postgresql",
                        "Redis connection health check"))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems("Reactive PostgreSQL connections health check")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/api/v1/ping").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Flashorder API"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/admin/skus"));
    }

    @Test
    void pingAnswersWithoutAuthentication() {
        given().get("/api/v1/ping").then().statusCode(200).body(equalTo("pong"));
    }
}
