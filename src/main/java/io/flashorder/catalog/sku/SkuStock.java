package io.flashorder.catalog.sku;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Units of a SKU ever loaded into one warehouse; Redis holds how many of them are available, held or sold. */
@Entity
@Table(name = "sku_stock")
public class SkuStock {

    @EmbeddedId
    public Key id;
    public long loaded;
    public Instant updatedAt;

    @Embeddable
    public record Key(UUID skuId, UUID warehouseId) implements Serializable {
    }
}
