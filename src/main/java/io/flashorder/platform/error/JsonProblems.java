package io.flashorder.platform.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flashorder.platform.json.UnstorableTextException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/** Says what is wrong with a request body Jackson could not read, naming the field wherever there is one. */
public final class JsonProblems {

    private static final String DUPLICATE_KEY = "Duplicate field '";
    private static final String TRAILING_TOKEN = "Trailing token";

    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof UnstorableTextException unstorable) {
            return Problem.of(400, "validation-failed", "Invalid request", "The request has 1 invalid field(s)")
                    .withErrors(List.of(new FieldViolation(field(unstorable.getPath()),
                            "contains a character that cannot be stored (" + unstorable.refused() + ")")));
        }
        // The parser finds a key twice while a record is being bound, which wraps its exception with the path.
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith(DUPLICATE_KEY) && read.getProcessor() instanceof JsonParser parser) {
                return malformedJson("The request body names a key twice").withErrors(List.of(
                        new FieldViolation(field(parser.getParsingContext()), "appears more than once")));
            }
        }
        if (message.startsWith(TRAILING_TOKEN)) {
            return malformedJson("The request body must be exactly one JSON document; something follows it");
        }
        boolean truncated = message.contains("end-of-input");
        if (!truncated && e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return Problem.of(400, "malformed-body", "Malformed request body", "The request body could not be read")
                    .withErrors(List.of(new FieldViolation(field(mapping.getPath()), expected(target))));
        }
        return malformedJson("The request body is not valid JSON");
    }

    private static Problem malformedJson(String detail) {
        return Problem.of(400, "malformed-json", "Malformed JSON", detail);
    }

    /** What a field of this type must be, in the API's terms (JSON, not Java). */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or shape";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number (no fraction, no quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** items[1].quantity, from the path Jackson recorded. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /** The same form from the parser's position (a duplicate key is found before any binding). */
    private static String field(JsonStreamContext context) {
        Deque<JsonStreamContext> steps = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            steps.push(at);
        }
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext step : steps) {
            if (step.inArray()) {
                out.append('[').append(Math.max(step.getCurrentIndex(), 0)).append(']');
            } else if (step.getCurrentName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(step.getCurrentName());
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
