package io.flashorder.platform.openapi;

import io.flashorder.platform.error.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents the errors every API operation can answer, the same way for all of them, so no resource has to repeat
 * it: every 4xx/5xx answer is an RFC 9457 problem document ({@code Problem}, {@value Problem#MEDIA_TYPE}); an
 * operation with a body or parameters can answer 400, one with a body 413 (and 415 if it takes only JSON), one with
 * an id in its path 404, and any operation that needs PostgreSQL or Redis 503 (unless it says
 * {@value #NO_DEPENDENCY}). Statuses that depend on what an operation does (201, 409, 422...) are declared on its
 * resource method.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    /** Operation extension: it answers without PostgreSQL or Redis, so never 503. */
    public static final String NO_DEPENDENCY = "x-flashorder-no-dependency";

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<String, String> STANDARD = Map.of(
            "400", "Invalid request: the body or a parameter is malformed or breaks a rule (each field is listed)",
            "401", "No bearer token, or an invalid, expired or too old one",
            "403", "The token's role or merchant does not allow this request",
            "404", "No such resource, or not yours",
            "413", "The body is larger than 64 KiB",
            "415", "The body is not application/json",
            "503", "A dependency is down or saturated: retry after Retry-After seconds");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        addProblemSchemas(openAPI.getComponents());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().values().forEach(operation -> document(path, operation));
            }
        });
    }

    private static void document(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean body = operation.getRequestBody() != null;
        boolean jsonBody = body && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes().containsKey("application/json");
        boolean parameters = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getIn() == Parameter.In.QUERY
                        || parameter.getIn() == Parameter.In.HEADER);
        if (body || parameters) {
            addIfAbsent(responses, "400");
        }
        if (body) {
            addIfAbsent(responses, "413");
        }
        if (jsonBody) {
            addIfAbsent(responses, "415");
        }
        if (path.contains("{")) {
            addIfAbsent(responses, "404");
        }
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(NO_DEPENDENCY)) {
            operation.removeExtension(NO_DEPENDENCY);
        } else {
            addIfAbsent(responses, "503");
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.length() == 3 && (status.startsWith("4") || status.startsWith("5"))) {
                asProblem(status, response);
            }
        });
    }

    private static void addIfAbsent(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(STANDARD.get(status)));
        }
    }

    private static void asProblem(String status, APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()
                || List.of("Not Authorized", "Not Allowed", "Bad Request").contains(response.getDescription())) {
            response.setDescription(STANDARD.getOrDefault(status, "A problem document says what went wrong"));
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        response.setContent(content);
    }

    private static void addProblemSchemas(Components components) {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        components.addSchema("FieldViolation", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid field: where it is (a JSON path such as items[1].quantity) and what is wrong")
                .addProperty("field", text).addProperty("message", text)
                .required(List.of("field", "message")));
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details. type is a stable URI and code its short form; problem-specific "
                        + "members (such as skus of sold-out) may follow")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("code", text)
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request's X-Request-Id (given by the caller or made by the service), also in "
                                + "the service's log lines of the request"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldViolation")))
                .required(List.of("type", "title", "status", "code"))
                .additionalPropertiesBoolean(Boolean.TRUE));
    }
}
