package io.flashorder.catalog.stockload;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A load recorded in PostgreSQL but never applied to Redis (a crash in between) is applied by the replayer, once. */
@QuarkusTest
class StockLoadReplayTest {

    @Inject
    StockLoadService stockLoads;
    @Inject
    RedisDataSource redis;
    @Inject
    Database database;

    @Test
    void pendingLoadIsReplayedExactlyOnce() throws Throwable {
        UUID merchant = Catalog.merchant("Replay merchant " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "WEST");
        UUID sku = Catalog.sku(merchant, "Replayed", 700);
        UUID batch = UUID.randomUUID();
        database.execute("""
                INSERT INTO stock_load (id, batch_id, kind, sku_id, warehouse_id, quantity, status, requested_by, requested_at)
                VALUES ($1, $1, 'SKU', $2, $3, 25, 'PENDING', 'crash-test', $4)""",
                batch, sku, warehouse, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));

        int applied = VertxContextSupport.subscribeAndAwait(() -> stockLoads.replayPending());
        assertThat(applied).isGreaterThanOrEqualTo(1);
        // A second pass (another pod, or the next tick) finds nothing left and adds nothing.
        VertxContextSupport.subscribeAndAwait(() -> stockLoads.replayPending());

        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku)))
                .containsEntry("available", "25").containsEntry(InventoryKeys.warehouseField(warehouse), "25");
        assertThat(database.count("SELECT count(*) FROM stock_load WHERE batch_id = $1 AND status = 'APPLIED'", batch))
                .isEqualTo(1);
    }
}
