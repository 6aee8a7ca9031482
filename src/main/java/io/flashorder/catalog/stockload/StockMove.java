package io.flashorder.catalog.stockload;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** Warehouse units a bucketed campaign load moved out of {@code {p}} into a stock bucket's slot; see V62. */
@Entity
@Table(name = "stock_move")
public class StockMove {

    @Embeddable
    public record Key(UUID batchId, UUID skuId, UUID warehouseId, int stockSlot) implements Serializable {
    }

    @EmbeddedId
    public Key id;
    public long units;

    public static StockMove of(UUID batchId, UUID skuId, UUID warehouseId, int stockSlot, long units) {
        StockMove move = new StockMove();
        move.id = new Key(batchId, skuId, warehouseId, stockSlot);
        move.units = units;
        return move;
    }
}
