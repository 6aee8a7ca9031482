package io.flashorder.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flashorder.platform.RequestId;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.error.JsonProblems;
import io.flashorder.platform.error.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem document. Client mistakes get a precise 4xx; anything else is
 * logged here and answered with a bare 500, never a stack trace.
 */
public class ProblemMappers {

    /** Seconds a client should wait before retrying when a dependency is saturated or down. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> api(ApiException e, UriInfo uri) {
        Problem problem = e.problem();
        RestResponse.ResponseBuilder<Problem> builder = builder(problem, uri);
        if (problem.status() == 503 || problem.status() == 429) {
            builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .collect(Collectors.toList());
        return respond(Problem.of(400, "validation-failed", "Invalid request",
                "The request has " + violations.size() + " invalid field(s)").withErrors(violations), uri);
    }

    /**
     * A body Jackson refused: not JSON, a key twice, more after the document, a wrong type (a string where a number
     * belongs, a fraction for a quantity, an unknown enum value), text that cannot be stored.
     */
    @ServerExceptionMapper({JsonProcessingException.class, StreamReadException.class, MismatchedInputException.class})
    public RestResponse<Problem> unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(JsonProblems.of(e), uri);
    }

    /** Our record cannot be bound as declared: a bug, not the client's mistake (logged, 500). */
    @ServerExceptionMapper
    public RestResponse<Problem> unbindable(InvalidDefinitionException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps syntax errors and failed constructors of the body in a 400.
            return unreadableJson(json, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request %s failed", uri.getPath());
            return respond(Problem.of(500, "internal-error", "Internal error", "The request could not be completed"), uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String code = switch (status) {
            case 404 -> "resource-not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        RestResponse.ResponseBuilder<Problem> builder = builder(Problem.of(status, code, reason, e.getMessage()), uri);
        if (status == 405) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            builder.header(HttpHeaders.ALLOW, allow != null ? allow : allowedMethods.at(uri.getPath()));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this request"), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> staleState(StaleStateException e, UriInfo uri) {
        return respond(Problem.of(409, "concurrent-update", "Conflict",
                "The resource was changed by another request; read it again and retry"), uri);
    }

    /** A dependency (Redis, PostgreSQL) is slow, saturated or its breaker is open: fail fast, ask to retry. */
    @ServerExceptionMapper({TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public RestResponse<Problem> overloaded(RuntimeException e, UriInfo uri) {
        Log.warnf("Dependency unavailable for %s: %s", uri.getPath(), e.toString());
        return builder(Problem.of(503, "service-unavailable", "Service unavailable",
                        "The service is overloaded or a dependency is unavailable; retry shortly"), uri)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> rateLimited(RateLimitException e, UriInfo uri) {
        return builder(Problem.of(429, "rate-limited", "Too many requests", "Slow down and retry later"), uri)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure of %s", uri.getPath());
        return respond(Problem.of(500, "internal-error", "Internal error", "The request could not be completed"), uri);
    }

    private static RestResponse<Problem> unauthenticated(UriInfo uri) {
        return builder(Problem.of(401, "unauthenticated", "Unauthorized", "A valid bearer token is required"), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static RestResponse<Problem> respond(Problem problem, UriInfo uri) {
        return builder(problem, uri).build();
    }

    private static RestResponse.ResponseBuilder<Problem> builder(Problem problem, UriInfo uri) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem.withInstance(uri.getPath()).withRequestId(RequestId.current()))
                .type(Problem.MEDIA_TYPE);
    }

    /**
     * The JSON path of a violation's field as a problem names it ({@code items[1].quantity}, {@code address.phone}):
     * drops the method and parameter names Bean Validation puts in front ("create.request.title" → "title").
     */
    public static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> out.setLength(0);
                default -> {
                    if (node.getIndex() != null && !out.isEmpty()) {
                        out.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                        if (!out.isEmpty()) {
                            out.append('.');
                        }
                        out.append(node.getName());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            // A violation on the body itself (e.g. a null body) or a query parameter.
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
            return "body";
        }
        return out.toString();
    }
}
