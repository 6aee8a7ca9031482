package io.flashorder.catalog.stockload;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One load of units into Redis (a SKU's warehouse stock or a campaign's stock); see V1__catalog.sql. */
@Entity
@Table(name = "stock_load")
public class StockLoad {

    public enum Kind { SKU, CAMPAIGN }

    public enum Status { PENDING, APPLIED }

    @Id
    public UUID id;
    /** Loads applied to Redis together, in one script call. */
    public UUID batchId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public UUID skuId;
    public UUID warehouseId;
    public UUID campaignId;
    public int quantity;
    /** A campaign load's split: its units go evenly to this many stock buckets (1: all in {p}). */
    public int stockBuckets = 1;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String requestedBy;
    public Instant requestedAt;
    public Instant appliedAt;
}
