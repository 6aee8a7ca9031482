package io.flashorder.pricing.rules.shipping;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** How one merchant charges shipping to one region ({@code "*"}: its default). Amounts in minor units. */
@Entity
@Table(name = "shipping_template")
public class ShippingTemplateRow {

    @Id
    public UUID id;
    public UUID merchantId;
    public String regionCode;
    public int firstWeightGrams;
    public long firstWeightPrice;
    public int stepGrams;
    public long stepPrice;
    /** Null: never free. */
    public Long freeShippingThreshold;
    public String currency;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
