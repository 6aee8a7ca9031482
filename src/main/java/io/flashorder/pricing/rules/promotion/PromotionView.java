package io.flashorder.pricing.rules.promotion;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A promotion with its tiers (SPEND_THRESHOLD, by listed order) or its SKUs (PERCENT_OFF, sorted). */
public record PromotionView(UUID id, UUID merchantId, PromotionKind kind, String name, Instant startsAt,
                            Instant endsAt, List<PromotionRequest.Tier> tiers,
                            @Schema(nullable = true) String currency, List<UUID> skuIds,
                            @Schema(nullable = true) Integer discountBp, boolean active, Instant createdAt,
                            Instant updatedAt, long version) {

    static PromotionView of(PromotionRow row, List<PromotionTierRow> tiers, List<PromotionSkuRow> skus) {
        return new PromotionView(row.id, row.merchantId, row.kind, row.name, row.startsAt, row.endsAt,
                tiers.stream().sorted(java.util.Comparator.comparing(t -> t.id.tierNo()))
                        .map(t -> new PromotionRequest.Tier(t.threshold, t.reduction)).toList(),
                row.currency,
                skus.stream().map(s -> s.id.skuId()).sorted(java.util.Comparator.comparing(UUID::toString)).toList(),
                row.discountBp, row.active, row.createdAt, row.updatedAt, row.version);
    }
}
