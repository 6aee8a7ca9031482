package io.flashorder.order.recovery;

import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit of every change made to Redis' stock from PostgreSQL: one {@code stock_repair} row per change (V7). */
@ApplicationScoped
public class StockRepairLog {

    public enum Source { RECOVERY, RECONCILIATION }

    /** One change: a counter of a SKU (per warehouse or not) or of a campaign SKU, or an order's hold. */
    public record Change(UUID skuId, UUID warehouseId, UUID campaignId, UUID orderId, String field, Long observed,
                         Long expected, Long applied, String detail) {
    }

    private final Pool pool;

    public StockRepairLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(UUID runId, Source source, List<Change> changes, Instant at) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(changes.size());
        for (Change change : changes) {
            rows.add(Tuple.from(new Object[] {Ids.newId(), runId, source.name(), change.skuId(), change.warehouseId(),
                    change.campaignId(), change.orderId(), change.field(), change.observed(), change.expected(),
                    change.applied(), change.detail(), at.atOffset(ZoneOffset.UTC)}));
        }
        return pool.preparedQuery("""
                        INSERT INTO stock_repair (id, run_id, source, sku_id, warehouse_id, campaign_id, order_id, field,
                            observed, expected, applied, detail, at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                .executeBatch(rows).replaceWithVoid();
    }
}
