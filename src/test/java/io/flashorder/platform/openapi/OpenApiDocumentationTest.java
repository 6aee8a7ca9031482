package io.flashorder.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks {@code /q/openapi}: every API operation is grouped under a declared tag and says what it does (a summary),
 * and every error it documents is a problem document, so a generated client is usable and its errors readable.
 */
@QuarkusTest
class OpenApiDocumentationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private JsonNode document;

    @BeforeEach
    void load() throws Exception {
        String json = given().accept("application/json").queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everyOperationHasADeclaredTagAndASummary() {
        List<String> declaredTags = new ArrayList<>();
        document.path("tags").forEach(tag -> {
            declaredTags.add(tag.path("name").asText());
            assertThat(tag.path("description").asText()).as("description of tag %s", tag.path("name"))
                    .isNotBlank();
        });
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> operation : apiOperations()) {
            operations++;
            JsonNode tags = operation.getValue().path("tags");
            if (tags.size() == 0) {
                missing.add(operation.getKey() + ": no tag");
            }
            tags.forEach(tag -> {
                if (!declaredTags.contains(tag.asText())) {
                    missing.add(operation.getKey() + ": tag " + tag.asText() + " has no description");
                }
            });
            if (operation.getValue().path("summary").asText().isBlank()) {
                missing.add(operation.getKey() + ": no summary");
            }
        }
        assertThat(operations).as("API operations in the document").isGreaterThan(80);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyDocumentedErrorIsAProblemDocument() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : apiOperations()) {
            operation.getValue().path("responses").properties().forEach(response -> {
                String status = response.getKey();
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonNode schema = response.getValue().path("content").path("application/problem+json")
                            .path("schema");
                    if (!"#/components/schemas/Problem".equals(schema.path("$ref").asText())) {
                        wrong.add(operation.getKey() + " " + status);
                    }
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    /** "METHOD path" → operation, for every operation under /api/. */
    private List<Map.Entry<String, JsonNode>> apiOperations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().properties().forEach(method -> {
                    if (METHODS.contains(method.getKey())) {
                        operations.add(Map.entry(method.getKey().toUpperCase() + " " + path.getKey(),
                                method.getValue()));
                    }
                });
            }
        });
        return operations;
    }
}
