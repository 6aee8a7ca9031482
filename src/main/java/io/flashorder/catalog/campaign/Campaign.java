package io.flashorder.catalog.campaign;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A flash sale: during [startsAt, endsAt) its SKUs sell at the campaign price from the campaign's own stock. */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    public UUID id;
    public String name;
    public Instant startsAt;
    public Instant endsAt;
    /** Units of the campaign's SKUs one buyer may order over the whole campaign. */
    public int perUserLimit;
    /** Replaces the merchant's payment deadline for orders placed in this campaign. */
    public int paymentTimeoutSeconds;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    public boolean isLive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
