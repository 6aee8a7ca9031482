package io.flashorder.platform.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Duration;
import java.util.function.Function;

/** Transactions of the reactive SQL client (the hot path and batch work; Panache entities use their own). */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code work} in one transaction whose every statement fails after {@code timeout} ({@code SET LOCAL}:
     * this transaction only), so a lock held elsewhere or a hung database fails the call instead of stalling it.
     * Row locks are the work's first statement ({@code ... FOR UPDATE}).
     */
    public static <T> Uni<T> withStatementTimeout(Pool pool, Duration timeout,
                                                  Function<SqlConnection, Uni<T>> work) {
        String setTimeout = "SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis());
        return pool.withTransaction(tx -> tx.query(setTimeout).execute().chain(() -> work.apply(tx)));
    }
}
