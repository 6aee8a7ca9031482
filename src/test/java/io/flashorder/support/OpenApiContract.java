package io.flashorder.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * The service's OpenAPI document as a contract: finds the operation of a concrete request, and checks an observed
 * answer against it (its status is documented, its body has the documented shape: types, and null only where the
 * schema allows it). Also records every exchange RestAssured makes while installed as a filter.
 */
public final class OpenApiContract implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request and its answer, as seen on the wire. */
    public record Exchange(String method, String path, int status, String contentType, String body) {
    }

    /** A documented operation: its path template and its node. */
    public record Operation(String template, String method, JsonNode node) {
    }

    private final JsonNode document;
    private final Map<String, Pattern> templates = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        document.path("paths").fieldNames().forEachRemaining(template -> templates.put(template,
                Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"))));
    }

    public static OpenApiContract load() {
        try {
            return new OpenApiContract(JSON.readTree(given().accept("application/json").get("/q/openapi")
                    .then().statusCode(200).extract().asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        if (path.startsWith("/api/")) {
            synchronized (exchanges) {
                exchanges.add(new Exchange(request.getMethod(), path, answer.statusCode(), answer.contentType(),
                        answer.asString()));
            }
        }
        return answer;
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The operation documented for this method and concrete path, if any (literal segments win over templates). */
    public Operation operation(String method, String path) {
        Operation found = null;
        for (Map.Entry<String, Pattern> template : templates.entrySet()) {
            JsonNode node = document.path("paths").path(template.getKey()).path(method.toLowerCase(Locale.ROOT));
            if (!node.isMissingNode() && template.getValue().matcher(path).matches()
                    && (found == null || literalLength(template.getKey()) > literalLength(found.template()))) {
                found = new Operation(template.getKey(), method, node);
            }
        }
        return found;
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }

    /** Everything wrong with one exchange against the document (empty when it conforms). */
    public List<String> violations(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        String where = exchange.method() + " " + exchange.path() + " → " + exchange.status();
        Operation operation = operation(exchange.method(), exchange.path());
        if (operation == null) {
            problems.add(where + ": no such operation in the document");
            return problems;
        }
        JsonNode response = operation.node().path("responses").path(Integer.toString(exchange.status()));
        if (response.isMissingNode()) {
            problems.add(where + ": status not documented for " + operation.template() + " (documented: "
                    + names(operation.node().path("responses")) + ")");
            return problems;
        }
        if (exchange.body() == null || exchange.body().isEmpty()) {
            return problems;
        }
        String mediaType = exchange.contentType() == null ? "" : exchange.contentType().split(";")[0].trim();
        JsonNode content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            problems.add(where + ": content type " + mediaType + " not documented (documented: "
                    + names(response.path("content")) + ")");
            return problems;
        }
        try {
            check(content.path("schema"), JSON.readTree(exchange.body()), "$", where, problems);
        } catch (IOException e) {
            problems.add(where + ": body is not JSON");
        }
        return problems;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** True when the schema admits null: "null" among its types, or a branch of anyOf/oneOf that does. */
    private boolean allowsNull(JsonNode raw) {
        JsonNode schema = resolve(raw);
        JsonNode type = schema.path("type");
        if (type.isTextual() && type.asText().equals("null")) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        if (schema.path("nullable").asBoolean(false) || raw.path("nullable").asBoolean(false)) {
            return true;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                if (allowsNull(branch)) {
                    return true;
                }
            }
        }
        if (raw.has("type") && raw.has("$ref")) {
            return allowsNull(JSON.createObjectNode().set("type", raw.get("type")));
        }
        return false;
    }

    private void check(JsonNode raw, JsonNode value, String at, String where, List<String> problems) {
        if (raw == null || raw.isMissingNode() || raw.isEmpty()) {
            return; // anything goes
        }
        if (value.isNull()) {
            if (!allowsNull(raw)) {
                problems.add(where + ": " + at + " is null but the schema does not allow null");
            }
            return;
        }
        JsonNode schema = resolve(raw);
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                for (JsonNode branch : schema.get(combinator)) {
                    if (!resolve(branch).path("type").asText("").equals("null")) {
                        check(branch, value, at, where, problems);
                        return;
                    }
                }
            }
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, where, problems);
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        if (!types.isEmpty() && !types.contains(jsonType(value))
                && !(types.contains("number") && jsonType(value).equals("integer"))) {
            problems.add(where + ": " + at + " is " + jsonType(value) + " but the schema says " + types);
            return;
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(where + ": " + at + " = " + value + " is not in the schema's enum " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = schema.path("properties").path(field.getKey());
                if (!property.isMissingNode()) {
                    check(property, field.getValue(), at + "." + field.getKey(), where, problems);
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(where + ": " + at + "." + required.asText() + " is required but absent");
                }
            }
        } else if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                check(schema.path("items"), item, at + "[" + i++ + "]", where, problems);
            }
        }
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
