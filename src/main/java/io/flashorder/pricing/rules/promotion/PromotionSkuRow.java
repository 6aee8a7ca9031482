package io.flashorder.pricing.rules.promotion;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One SKU a percent-off promotion applies to. */
@Entity
@Table(name = "promotion_sku")
public class PromotionSkuRow {

    @EmbeddedId
    public Key id;

    @Embeddable
    public record Key(UUID promotionId, UUID skuId) implements Serializable {
    }
}
