package io.flashorder.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path ids, one way: every id in an API path is a {@code @RestPath UUID} (the OpenAPI document says
 * {@code format: uuid}), and a malformed one gets the same answer on every endpoint, the 404 problem
 * {@code resource-not-found} of an unknown path (a malformed id names nothing; it is not a different mistake from
 * an unknown one).
 */
@QuarkusTest
class PathIdTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String MALFORMED = "not-a-uuid";

    private JsonNode document;

    @BeforeEach
    void load() throws Exception {
        String json = given().accept("application/json").queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everyPathIdIsAUuid() {
        List<String> textIds = new ArrayList<>();
        int ids = 0;
        for (Operation operation : apiOperations()) {
            for (JsonNode parameter : operation.pathParameters()) {
                String name = parameter.path("name").asText();
                if (name.equals("id") || name.endsWith("Id")) {
                    ids++;
                    if (!isUuid(parameter)) {
                        textIds.add(operation + " {" + name + "}");
                    }
                }
            }
        }
        assertThat(ids).as("path ids in the document").isGreaterThan(40);
        assertThat(textIds).as("path ids taken as text").isEmpty();
    }

    @Test
    void aMalformedPathIdIsTheSame404Everywhere() {
        // One token every role check passes, so the answer is about the id and never about the caller.
        String everyRole = Jwt.upn("path-id-test").groups(Set.of("admin", "merchant", "customer"))
                .claim("merchant_id", UUID.randomUUID().toString()).sign();
        List<String> different = new ArrayList<>();
        int tried = 0;
        for (Operation operation : apiOperations()) {
            List<String> uuidParameters = operation.pathParameters().stream()
                    .filter(this::isUuid)
                    .map(parameter -> parameter.path("name").asText()).toList();
            if (uuidParameters.isEmpty()) {
                continue;
            }
            // Each uuid parameter malformed in turn, the others well-formed: every position is checked.
            for (String malformed : uuidParameters) {
                String path = operation.path();
                for (String parameter : uuidParameters) {
                    path = path.replace("{" + parameter + "}",
                            parameter.equals(malformed) ? MALFORMED : UUID.randomUUID().toString());
                }
                tried++;
                Response response = given().header("Authorization", "Bearer " + everyRole)
                        .contentType("application/json").body("{}")
                        .request(operation.method().toUpperCase(), path);
                String code = response.getStatusCode() == 404 ? response.jsonPath().getString("code") : null;
                if (!"resource-not-found".equals(code)
                        || !response.getContentType().startsWith("application/problem+json")) {
                    different.add(operation.method() + " " + path + " → " + response.getStatusCode() + " " + code);
                }
            }
        }
        assertThat(tried).as("malformed ids tried").isGreaterThan(40);
        assertThat(different).isEmpty();
    }

    /** A parameter's schema is {@code format: uuid}, inline or as a reference to a shared schema. */
    private boolean isUuid(JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            schema = document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return "uuid".equals(schema.path("format").asText());
    }

    private record Operation(String method, String path, List<JsonNode> pathParameters) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Operation> apiOperations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            path.getValue().properties().stream().filter(entry -> METHODS.contains(entry.getKey())).forEach(entry -> {
                List<JsonNode> parameters = new ArrayList<>(shared);
                entry.getValue().path("parameters").forEach(parameters::add);
                operations.add(new Operation(entry.getKey(), path.getKey(),
                        parameters.stream().filter(p -> "path".equals(p.path("in").asText())).toList()));
            });
        }
        return operations;
    }
}
