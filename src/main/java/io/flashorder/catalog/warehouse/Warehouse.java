package io.flashorder.catalog.warehouse;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A merchant's stock location in one region; orders take stock from the warehouses nearest the buyer first. */
@Entity
@Table(name = "warehouse")
public class Warehouse {

    @Id
    public UUID id;
    public UUID merchantId;
    public String name;
    public String regionCode;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
