package io.flashorder.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Direct reads of PostgreSQL for assertions ("what was written"), bypassing the service. Test code only. */
@ApplicationScoped
public class Database {

    private final Pool pool;

    public Database(Pool pool) {
        this.pool = pool;
    }

    public long count(String sql, Object... params) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        return row.getLong(0);
    }

    public String string(String sql, Object... params) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        return row.getValue(0) == null ? null : row.getValue(0).toString();
    }

    public void execute(String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10));
    }

    /** The first column of every row, as text. */
    public java.util.List<String> strings(String sql, Object... params) {
        java.util.List<String> values = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> values.add(row.getValue(0) == null ? null : row.getValue(0).toString()));
        return values;
    }

    public long countAll(String table) {
        return count("SELECT count(*) FROM " + table);
    }
}
