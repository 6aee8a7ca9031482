package io.flashorder.catalog.campaign;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One SKU of a campaign: its campaign price and how many units the campaign may sell. */
@Entity
@Table(name = "campaign_item")
public class CampaignItem {

    @EmbeddedId
    public Key id;

    public long campaignPrice;
    public int campaignStock;
    /** How much of campaignStock has been loaded into Redis so far. */
    public int loadedStock;
    /** Redis stock buckets the campaign stock is split over (1..16; see inventory.bucket.StockBuckets). */
    public int stockBuckets = 1;

    @Embeddable
    public record Key(UUID campaignId, UUID skuId) implements Serializable {
    }
}
