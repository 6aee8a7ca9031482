package io.flashorder.platform.sql;

import io.vertx.pgclient.PgException;

import java.util.Set;

/** Tells apart what PostgreSQL refused for the rows' own data from an outage, a timeout or the load. */
public final class SqlFailures {

    /** SQLSTATE classes that blame the rows, not the database: data exceptions, constraint violations, limits. */
    private static final Set<String> ROW_SPECIFIC_CLASSES = Set.of("22", "23", "54");

    private SqlFailures() {
    }

    /** True when sending the same rows again would fail again: retrying cannot help, setting them aside does. */
    public static boolean blamesTheRows(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() >= 2
                && ROW_SPECIFIC_CLASSES.contains(pg.getSqlState().substring(0, 2));
    }
}
