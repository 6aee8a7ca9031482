package io.flashorder.pricing.rules.promotion;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A merchant promotion, live during [startsAt, endsAt) while active. Its threshold tiers and SKUs are separate
 * rows ({@link PromotionTierRow}, {@link PromotionSkuRow}).
 */
@Entity
@Table(name = "promotion")
public class PromotionRow {

    @Id
    public UUID id;
    public UUID merchantId;
    @Enumerated(EnumType.STRING)
    public PromotionKind kind;
    public String name;
    public Instant startsAt;
    public Instant endsAt;
    /** PERCENT_OFF only. */
    public Integer discountBp;
    /** SPEND_THRESHOLD only: the currency of the tiers' amounts. */
    public String currency;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
