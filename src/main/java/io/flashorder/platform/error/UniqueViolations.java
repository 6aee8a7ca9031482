package io.flashorder.platform.error;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL's unique violation (SQLSTATE 23505) however it is wrapped. A service checks for a duplicate
 * first, for a clear answer; two requests racing past that check meet the unique constraint instead, and the
 * service turns this failure into the same 409.
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
