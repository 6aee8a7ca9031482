package io.flashorder.pricing.rules.promotion;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One tier of a spend-threshold promotion: spend at least {@link #threshold}, get {@link #reduction} off. */
@Entity
@Table(name = "promotion_tier")
public class PromotionTierRow {

    @EmbeddedId
    public Key id;
    public long threshold;
    public long reduction;

    @Embeddable
    public record Key(UUID promotionId, short tierNo) implements Serializable {
    }
}
