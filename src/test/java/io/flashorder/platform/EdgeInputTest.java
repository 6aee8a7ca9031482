package io.flashorder.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.logistics.carrier.SandboxCarrier;
import io.flashorder.payment.SandboxSignature;
import io.flashorder.support.CarrierCallbacks;
import io.flashorder.support.Database;
import io.flashorder.support.OpenApiContract;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input, sent to every endpoint that takes a body (listed from the OpenAPI document, so a new
 * endpoint is covered without touching this test): each is answered with a 4xx problem document within a second,
 * and nothing is written (row counts in PostgreSQL, keys and the placed-orders stream in Redis unchanged).
 */
@QuarkusTest
class EdgeInputTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** U+0000 goes into every string field; the other refused characters take turns. */
    private static final List<String> OTHER_REFUSED = List.of("\u0001", "\u001f", "\ud800", "\udc00");
    private static final UUID MERCHANT = UUID.randomUUID();

    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @TestHTTPResource("/")
    URI base;

    private List<Endpoint> endpoints;
    private String countAllRows;
    /** The state the previous request of this test left (see {@link #before()}). */
    private Snapshot lastSeen;

    /** An operation that takes a body, its path with every parameter filled in, and its body's schema. */
    record Endpoint(String method, String template, String path, JsonNode schema, OpenApiContract contract) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** A leaf field of a body schema: where it is, and its (resolved) schema. */
    record Field(List<String> path, JsonNode schema) {

        /** The field as the service names it: items[0].quantity. */
        String name() {
            StringBuilder out = new StringBuilder();
            for (String step : path) {
                if (step.equals("[]")) {
                    out.append("[0]");
                } else {
                    out.append(out.isEmpty() ? "" : ".").append(step);
                }
            }
            return out.toString();
        }
    }

    private List<Endpoint> endpoints() {
        if (endpoints == null) {
            OpenApiContract contract = OpenApiContract.load();
            List<Endpoint> found = new ArrayList<>();
            contract.document().path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                    .forEachRemaining(operation -> {
                        JsonNode content = operation.getValue().path("requestBody").path("content");
                        if (path.getKey().startsWith("/api/") && content.size() > 0) {
                            found.add(new Endpoint(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                                    fill(path.getKey()), content.elements().next().path("schema"), contract));
                        }
                    }));
            assertThat(found).as("endpoints that take a body").hasSizeGreaterThan(30);
            endpoints = found;
        }
        return endpoints;
    }

    private static String fill(String template) {
        return template.replace("{provider}", "sandbox").replace("{carrier}", "sandbox").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    // ---------------------------------------------------------------------------------------------- the classes

    @TestFactory
    Stream<DynamicTest> refusedCharactersInEveryStringField() {
        List<DynamicTest> tests = new ArrayList<>();
        int turn = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Field field : fields(endpoint, "string")) {
                for (String refused : List.of("\u0000", OTHER_REFUSED.get(turn++ % OTHER_REFUSED.size()))) {
                    String label = String.format("%s %s U+%04X", endpoint, field.name(), (int) refused.charAt(0));
                    tests.add(DynamicTest.dynamicTest(label, () -> {
                        ObjectNode body = bodyWith(field, NODES.textNode("ok" + refused));
                        Response answer = refused(endpoint, json(body), 400);
                        assertThat(answer.jsonPath().getList("errors.field", String.class)).as(label)
                                .contains(field.name());
                        if (isPlainText(field.schema())) {
                            assertThat(answer.jsonPath().getString("errors[0].message")).as(label)
                                    .contains("cannot be stored");
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> duplicatedKeys() {
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
            Map.Entry<String, JsonNode> first = properties(endpoint.schema(), endpoint.contract()).next();
            String value = JSON.writeValueAsString(sample(first.getValue(), endpoint.contract()));
            String key = JSON.writeValueAsString(first.getKey());
            Response answer = refused(endpoint, "{" + key + ":" + value + "," + key + ":" + value + "}", 400);
            assertThat(answer.jsonPath().getList("errors.field", String.class)).contains(first.getKey());
        }));
    }

    @TestFactory
    Stream<DynamicTest> trailingTokens() {
        return endpoints().stream().flatMap(endpoint -> Stream.of("{} {}", "{}x", "{}]", "{},{}").map(body ->
                DynamicTest.dynamicTest(endpoint + " " + body, () -> refused(endpoint, body, 400))));
    }

    @TestFactory
    Stream<DynamicTest> floatsInIntegerFields() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Field field : fields(endpoint, "integer")) {
                for (String number : List.of("1.5", "1.0", "2e0")) {
                    tests.add(DynamicTest.dynamicTest(endpoint + " " + field.name() + " " + number, () -> {
                        String body = json(bodyWith(field, NODES.textNode("§"))).replace("\"§\"", number);
                        Response answer = refused(endpoint, body, 400);
                        assertThat(answer.jsonPath().getList("errors.field", String.class)).contains(field.name());
                    }));
                }
            }
        }
        assertThat(tests).as("integer fields found").isNotEmpty();
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> emptyBodies() {
        // Some bodies are optional (a cancellation's reason): then the request proceeds, and the unknown id is a 404.
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(),
                () -> refused(endpoint, "", 0)));
    }

    @TestFactory
    Stream<DynamicTest> multipartBodies() {
        String form = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n";
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(),
                () -> refused(endpoint, "multipart/form-data; boundary=x", form, 0)));
    }

    @TestFactory
    Stream<DynamicTest> oversizedChunkedBodies() {
        byte[] big = ("{\"padding\":\"" + "x".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
            Snapshot before = before();
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(endpoint.path()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(endpoint.method(),
                            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
            headers(endpoint, big).forEach(request::header);
            // A client of its own per request: the server closes the connection after its 413 without reading the
            // rest of the body, and a shared client could send the next request on that closing connection.
            long started = System.nanoTime();
            HttpResponse<String> answer;
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith(PROBLEM));
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("payload-too-large");
            assertThat(took).isLessThan(ANSWER_WITHIN);
            assertNothingWritten(before, () -> {
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
            }, endpoint.toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> longPaths() {
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
            Endpoint longer = new Endpoint(endpoint.method(), endpoint.template(),
                    endpoint.path() + "/" + "a".repeat(10_000), endpoint.schema(), endpoint.contract());
            Response answer = refused(longer, "{}", 414);
            assertThat(answer.jsonPath().getString("code")).isEqualTo("uri-too-long");
        }));
    }

    // ---------------------------------------------------------------------------------------------- sending

    private Response refused(Endpoint endpoint, String body, int expectedStatus) throws Exception {
        return refused(endpoint, "application/json", body, expectedStatus);
    }

    /** Sends the body and checks the answer: the status (any 4xx when 0), a problem document, in time, no write. */
    private Response refused(Endpoint endpoint, String contentType, String body, int expectedStatus)
            throws Exception {
        Snapshot before = before();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // A request that is never answered fails here instead of hanging the build.
        RequestSpecification request = given().config(RestAssuredConfig.config().httpClient(HttpClientConfig
                        .httpClientConfig().setParam("http.socket.timeout", 10_000)))
                .contentType(contentType).body(bytes);
        headers(endpoint, bytes).forEach(request::header);
        long started = System.nanoTime();
        Response answer = request.request(endpoint.method(), endpoint.path());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(ANSWER_WITHIN) >= 0) {
            // A hang fails twice; a pause of a machine shared with other builds does not.
            started = System.nanoTime();
            answer = request.request(endpoint.method(), endpoint.path());
            took = Duration.ofNanos(System.nanoTime() - started);
        }
        String what = endpoint + " with " + abbreviate(body) + " → " + answer.statusCode() + " " + answer.asString();
        if (expectedStatus == 0) {
            assertThat(answer.statusCode()).as(what).isBetween(400, 499);
        } else {
            assertThat(answer.statusCode()).as(what).isEqualTo(expectedStatus);
        }
        assertThat(answer.contentType()).as(what).startsWith(PROBLEM);
        assertThat(answer.jsonPath().getString("code")).as(what).isNotBlank();
        assertThat(answer.asString()).as(what).doesNotContain("at io.", "Exception");
        assertThat(took).as(what).isLessThan(ANSWER_WITHIN);
        assertNothingWritten(before, () -> request.request(endpoint.method(), endpoint.path()), what);
        return answer;
    }

    /**
     * Background work (a consumer's flush, a key expiring) can change a count at any moment; a refused request that
     * writes writes again, so a change must show on a second, identical request too before it counts as a write. So
     * {@code before} need not wait for quiet: a change from noise only sends the check down this second path, which
     * settles first (waiting for quiet before each of the ~1,400 requests cost a minute of the suite).
     */
    private void assertNothingWritten(Snapshot before, Resend resend, String what) throws Exception {
        Snapshot after = Snapshot.of(this);
        if (after.equals(before)) {
            lastSeen = after;
            return;
        }
        Snapshot settled = Snapshot.stable(this);
        resend.send();
        Snapshot resent = Snapshot.of(this);
        assertThat(resent).as(what + ": nothing written").isEqualTo(settled);
        lastSeen = resent;
    }

    /**
     * The state before a request: the one the previous request left, as the check after it saw it (a count of every
     * table costs as much as the request, so it is taken once per request, not twice). Whatever happened in between
     * (background work) only sends the check down its second path, as noise during the request would.
     */
    private Snapshot before() {
        return lastSeen != null ? lastSeen : Snapshot.of(this);
    }

    @FunctionalInterface
    private interface Resend {
        void send() throws Exception;
    }

    /** The caller each API expects: a token of the path's role, or the sandbox's signature for the webhooks. */
    private static Map<String, String> headers(Endpoint endpoint, byte[] body) {
        if (endpoint.template().startsWith("/api/v1/webhooks/payments/")
                || endpoint.template().startsWith("/api/v1/webhooks/refunds/")) {
            SandboxCallbacks.Signed signed = SandboxCallbacks.sign(new String(body, StandardCharsets.UTF_8),
                    Instant.now());
            return Map.of(SandboxSignature.TIMESTAMP_HEADER, signed.timestamp(),
                    SandboxSignature.SIGNATURE_HEADER, signed.signature());
        }
        if (endpoint.template().startsWith("/api/v1/webhooks/carriers/")) {
            CarrierCallbacks.Signed signed = CarrierCallbacks.sign(new String(body, StandardCharsets.UTF_8),
                    Instant.now());
            return Map.of(SandboxCarrier.TIMESTAMP_HEADER, signed.timestamp(),
                    SandboxCarrier.SIGNATURE_HEADER, signed.signature());
        }
        String token = endpoint.template().startsWith("/api/v1/admin/") ? Tokens.admin()
                : endpoint.template().startsWith("/api/v1/merchant/") ? Tokens.merchant(MERCHANT)
                : Tokens.customer("edge-buyer");
        // The Idempotency-Key lets an order body reach the sold-out fast path too, which must not answer it either.
        return Map.of("Authorization", Tokens.bearer(token), "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String abbreviate(String body) {
        String shown = body.length() > 120 ? body.substring(0, 120) + "..." : body;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------- schemas

    private static JsonNode resolve(JsonNode schema, OpenApiContract contract) {
        JsonNode current = schema;
        for (int i = 0; i < 10; i++) {
            if (current.has("$ref")) {
                current = contract.document().at(current.get("$ref").asText().substring(1));
            } else if (current.has("anyOf") || current.has("oneOf")) {
                JsonNode branches = current.has("anyOf") ? current.get("anyOf") : current.get("oneOf");
                JsonNode chosen = current;
                for (JsonNode branch : branches) {
                    if (!"null".equals(branch.path("type").asText())) {
                        chosen = branch;
                        break;
                    }
                }
                if (chosen == current) {
                    return current;
                }
                current = chosen;
            } else {
                return current;
            }
        }
        return current;
    }

    private static boolean hasType(JsonNode schema, String type) {
        JsonNode types = schema.path("type");
        if (types.isTextual()) {
            return types.asText().equals(type);
        }
        for (JsonNode t : types) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPlainText(JsonNode schema) {
        return hasType(schema, "string") && !schema.has("enum") && !schema.has("format");
    }

    private static Iterator<Map.Entry<String, JsonNode>> properties(JsonNode schema, OpenApiContract contract) {
        return resolve(schema, contract).path("properties").fields();
    }

    /** Every leaf field of the given JSON type, through nested objects and arrays. */
    private static List<Field> fields(Endpoint endpoint, String type) {
        List<Field> found = new ArrayList<>();
        collect(endpoint.schema(), new ArrayList<>(), type, endpoint.contract(), found, 0);
        return found;
    }

    private static void collect(JsonNode raw, List<String> path, String type, OpenApiContract contract,
                                List<Field> found, int depth) {
        JsonNode schema = resolve(raw, contract);
        if (depth > 5) {
            return;
        }
        if (hasType(schema, "array")) {
            List<String> item = new ArrayList<>(path);
            item.add("[]");
            collect(schema.path("items"), item, type, contract, found, depth + 1);
        } else if (schema.has("properties")) {
            schema.path("properties").fields().forEachRemaining(property -> {
                List<String> child = new ArrayList<>(path);
                child.add(property.getKey());
                collect(property.getValue(), child, type, contract, found, depth + 1);
            });
        } else if (hasType(schema, type) && !path.isEmpty()) {
            found.add(new Field(List.copyOf(path), schema));
        }
    }

    /** A body holding only {@code value} at the field's place (the field is refused before anything else matters). */
    private static ObjectNode bodyWith(Field field, JsonNode value) {
        ObjectNode root = NODES.objectNode();
        JsonNode parent = root;
        List<String> path = field.path();
        for (int i = 0; i < path.size(); i++) {
            String step = path.get(i);
            boolean last = i == path.size() - 1;
            boolean nextIsArray = !last && path.get(i + 1).equals("[]");
            JsonNode child = last ? value : nextIsArray ? NODES.arrayNode() : NODES.objectNode();
            if (step.equals("[]")) {
                ((ArrayNode) parent).add(child);
            } else {
                ((ObjectNode) parent).set(step, child);
            }
            parent = child;
        }
        return root;
    }

    /** A value of the schema's type, as the service would accept it on its own. */
    private static JsonNode sample(JsonNode raw, OpenApiContract contract) {
        JsonNode schema = resolve(raw, contract);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (hasType(schema, "array")) {
            return NODES.arrayNode();
        }
        if (hasType(schema, "integer") || hasType(schema, "number")) {
            return NODES.numberNode(1);
        }
        if (hasType(schema, "boolean")) {
            return NODES.booleanNode(true);
        }
        if (hasType(schema, "string")) {
            String format = schema.path("format").asText("");
            return NODES.textNode(format.equals("uuid") ? UUID.randomUUID().toString()
                    : format.equals("date-time") ? "2026-01-01T00:00:00Z" : "x");
        }
        return NODES.objectNode();
    }

    /**
     * The body as JSON text. A lone surrogate cannot be written as UTF-8 (it would arrive as '?'), so, like the
     * control characters, it is sent as the escape a client would send: \\ud800.
     */
    private static String json(JsonNode node) throws IOException {
        StringBuilder out = new StringBuilder();
        JSON.writeValueAsString(node).chars().forEach(c -> out.append(Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------- no write

    /** What a write would change: the rows of every table, Redis' keys and the placed-orders stream. */
    record Snapshot(long rows, long redisKeys, long placedOrders) {

        static Snapshot of(EdgeInputTest test) {
            return new Snapshot(test.database.count(test.countAllRows()), test.redis.execute("DBSIZE").toLong(),
                    test.redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM));
        }

        /** Waits for the background work of earlier requests (writer, outbox relay) to settle. */
        static Snapshot stable(EdgeInputTest test) {
            Snapshot last = of(test);
            for (int i = 0; i < 50; i++) {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                Snapshot now = of(test);
                if (now.equals(last)) {
                    return now;
                }
                last = now;
            }
            return last;
        }
    }

    private String countAllRows() {
        if (countAllRows == null) {
            List<String> tables = new ArrayList<>();
            Function<String, String> count = table -> "(SELECT count(*) FROM " + table + ")";
            // Buyer notices are written by the notification consumer alone, from events (counted here, in the outbox
            // and the streams), retried with back-off at any time: rows no request writes, that would make noise.
            for (String table : database.strings("SELECT table_name FROM information_schema.tables WHERE table_schema "
                    + "= 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('flyway_schema_history', "
                    + "'notification_delivery', 'sandbox_sms')")) {
                tables.add(count.apply(table));
            }
            countAllRows = "SELECT " + String.join(" + ", tables);
        }
        return countAllRows;
    }
}
