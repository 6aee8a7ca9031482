package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.writer.StreamId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** PostgreSQL's side of the check that Redis did not lose writes: the stock epoch and the stream watermark of each slot (V7). */
@ApplicationScoped
public class StockEpochRepository {

    /** Each slot's placed-orders stream by name, as {@code order_stream_watermark.stream} records it. */
    private static final Map<String, OrderSlot> STREAMS = OrderSlot.all().stream()
            .collect(Collectors.toUnmodifiableMap(OrderKeys::placedStream, slot -> slot));

    private final Pool pool;

    public StockEpochRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * What PostgreSQL knows: the stock epoch (if any yet) and, per slot whose stream the writer ever committed from,
     * the highest entry id it committed.
     */
    public record Marks(Optional<Long> epoch, Map<OrderSlot, StreamId> watermarks) {

        public Marks {
            watermarks = Map.copyOf(watermarks);
        }
    }

    public Uni<Marks> marks() {
        return pool.preparedQuery("""
                        SELECT (SELECT epoch FROM stock_epoch WHERE partition = $1) AS epoch,
                               w.stream, w.last_ms, w.last_seq
                        FROM (SELECT 1) one LEFT JOIN order_stream_watermark w ON w.stream = ANY($2)""")
                .execute(Tuple.of(InventoryKeys.PARTITION, STREAMS.keySet().toArray(String[]::new)))
                .map(rows -> {
                    Long epoch = null;
                    Map<OrderSlot, StreamId> watermarks = new HashMap<>();
                    for (Row row : rows) {
                        epoch = row.getLong("epoch");
                        Long lastMs = row.getLong("last_ms");
                        if (lastMs != null) {
                            watermarks.put(STREAMS.get(row.getString("stream")), new StreamId(lastMs, row.getLong("last_seq")));
                        }
                    }
                    return new Marks(Optional.ofNullable(epoch), watermarks);
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
