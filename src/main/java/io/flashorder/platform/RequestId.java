package io.flashorder.platform;

import org.jboss.logging.MDC;

/**
 * The id of the request being served ({@code X-Request-Id}), assigned by {@code platform.http.RequestIds} before any
 * other handler. It lives in the logging context of the request's Vert.x context, so every log line of the request
 * carries it and problem documents can name it; off a request it is null.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    /** The logging context key: {@code %X{requestId}} in the text log format, a field of the JSON logs. */
    public static final String LOG_KEY = "requestId";

    private RequestId() {
    }

    public static String current() {
        Object id = MDC.get(LOG_KEY);
        return id == null ? null : id.toString();
    }

    public static void set(String id) {
        MDC.put(LOG_KEY, id);
    }
}
