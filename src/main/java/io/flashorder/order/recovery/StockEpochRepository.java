package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.order.writer.StreamId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** PostgreSQL's side of the check that Redis did not lose writes: the stock epoch and the stream watermark (V7). */
@ApplicationScoped
public class StockEpochRepository {

    private final Pool pool;

    public StockEpochRepository(Pool pool) {
        this.pool = pool;
    }

    /** What PostgreSQL knows: the stock epoch (if any yet) and the highest stream entry the writer committed. */
    public record Marks(Optional<Long> epoch, Optional<StreamId> watermark) {
    }

    public Uni<Marks> marks() {
        return pool.preparedQuery("""
                        SELECT (SELECT epoch FROM stock_epoch WHERE partition = $1) AS epoch,
                               w.last_ms, w.last_seq
                        FROM (SELECT 1) one LEFT JOIN order_stream_watermark w ON w.stream = $2""")
                .execute(Tuple.of(InventoryKeys.PARTITION, OrderKeys.PLACED_STREAM))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long lastMs = row.getLong("last_ms");
                    return new Marks(Optional.ofNullable(row.getLong("epoch")),
                            lastMs == null ? Optional.empty() : Optional.of(new StreamId(lastMs, row.getLong("last_seq"))));
                });
    }

    /** Records {@code epoch} unless PostgreSQL has one already; emits the epoch PostgreSQL has afterwards. */
    public Uni<Long> initialise(long epoch, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO stock_epoch (partition, epoch, updated_at) VALUES ($1, $2, $3)
                        ON CONFLICT (partition) DO NOTHING""")
                .execute(Tuple.of(InventoryKeys.PARTITION, epoch, at.atOffset(ZoneOffset.UTC)))
                .chain(() -> pool.preparedQuery("SELECT epoch FROM stock_epoch WHERE partition = $1")
                        .execute(Tuple.of(InventoryKeys.PARTITION)))
                .map(rows -> rows.iterator().next().getLong("epoch"));
    }

    /** The next epoch, after a recovery rebuilt the stock: one more than both PostgreSQL's and Redis' last one. */
    public Uni<Long> advance(long atLeast, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO stock_epoch (partition, epoch, updated_at) VALUES ($1, $2, $3)
                        ON CONFLICT (partition) DO UPDATE SET epoch = greatest(stock_epoch.epoch + 1, excluded.epoch),
                            updated_at = excluded.updated_at
                        RETURNING epoch""")
                .execute(Tuple.of(InventoryKeys.PARTITION, atLeast, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("epoch"));
    }
}
