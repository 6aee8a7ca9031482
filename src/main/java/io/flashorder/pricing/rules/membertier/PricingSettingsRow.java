package io.flashorder.pricing.rules.membertier;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The platform's pricing settings: a single row with id {@value #ID}. */
@Entity
@Table(name = "pricing_settings")
public class PricingSettingsRow {

    public static final short ID = 1;

    @Id
    public short id;
    /** Whether the member tier discount also applies to lines sold at a flash-sale campaign price. */
    public boolean tierAppliesToCampaignPrice;
    public Instant updatedAt;
    @Version
    public long version;
}
