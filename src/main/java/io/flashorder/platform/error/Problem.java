package io.flashorder.platform.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI and {@code code} its short form, so clients can
 * branch on either; {@code errors} lists field-level violations; {@code extensions} carries problem-specific
 * members (for instance the SKUs that are sold out); {@code requestId} is the request's {@code X-Request-Id}, also in
 * every log line of the request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        List<FieldViolation> errors,
        String requestId,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "https://flashorder.io/problems/";
    private static final java.util.Set<String> STANDARD_MEMBERS = java.util.Set.of("type", "title", "status", "detail",
            "instance", "code", "errors", "requestId");

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, null, code, List.of(), null, Map.of());
    }

    public Problem withErrors(List<FieldViolation> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, List.copyOf(fieldErrors), requestId, extensions);
    }

    public Problem withExtensions(Map<String, Object> members) {
        for (String name : members.keySet()) {
            if (STANDARD_MEMBERS.contains(name)) {
                // The document would carry the key twice (and a client keep either value).
                throw new IllegalArgumentException("Extension member " + name + " would shadow a standard member");
            }
        }
        return new Problem(type, title, status, detail, instance, code, errors, requestId, Map.copyOf(members));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, code, errors, requestId, extensions);
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, code, errors, id, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
