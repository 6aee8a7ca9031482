package io.flashorder.catalog.sku;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SkuStockRepository implements PanacheRepositoryBase<SkuStock, SkuStock.Key> {

    public Uni<List<SkuStock>> bySku(UUID skuId) {
        return list("id.skuId", Sort.by("id.warehouseId"), skuId);
    }

    /** Adds loaded units, creating the row on the first load; one statement, so concurrent loads both count. */
    public Uni<Integer> addLoaded(UUID skuId, UUID warehouseId, int quantity, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO sku_stock (sku_id, warehouse_id, loaded, updated_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (sku_id, warehouse_id)
                        DO UPDATE SET loaded = sku_stock.loaded + EXCLUDED.loaded, updated_at = EXCLUDED.updated_at
                        """)
                .setParameter(1, skuId).setParameter(2, warehouseId).setParameter(3, (long) quantity)
                .setParameter(4, now)
                .executeUpdate());
    }
}
