package io.flashorder.catalog.merchant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A seller on the marketplace. */
@Entity
@Table(name = "merchant")
public class Merchant {

    @Id
    public UUID id;
    public String name;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
