package io.flashorder.platform.error;

import java.util.List;
import java.util.Map;

/** A failure the client can act on; the exception mappers turn it into its problem document. */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(Problem.of(400, code, "Bad request", detail));
    }

    public static ApiException invalid(String detail, List<FieldViolation> violations) {
        return new ApiException(Problem.of(400, "validation-failed", "Invalid request", detail).withErrors(violations));
    }

    /** A JSON body Jackson refused, read outside the REST layer (e.g. after a signature check): the same 400. */
    public static ApiException unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return new ApiException(JsonProblems.of(e));
    }

    public static ApiException invalidField(String field, String message) {
        return invalid("The request has an invalid field", List.of(new FieldViolation(field, message)));
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(Problem.of(422, code, "Unprocessable request", detail));
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(Problem.of(404, resource + "-not-found", "Not found",
                "No " + resource + " with id " + id));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(Problem.of(409, code, "Conflict", detail));
    }

    public static ApiException conflict(String code, String detail, Map<String, Object> extensions) {
        return new ApiException(Problem.of(409, code, "Conflict", detail).withExtensions(extensions));
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(Problem.of(403, code, "Forbidden", detail));
    }

    public static ApiException unavailable(String code, String detail) {
        return new ApiException(Problem.of(503, code, "Service unavailable", detail));
    }
}
