package io.flashorder.catalog.sku;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A sellable item of one merchant. Prices are minor units of {@link #currency}. */
@Entity
@Table(name = "sku")
public class Sku {

    @Id
    public UUID id;
    public UUID merchantId;
    public String title;
    public long listPrice;
    public String currency;
    public int weightGrams;
    public int lowStockThreshold;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
