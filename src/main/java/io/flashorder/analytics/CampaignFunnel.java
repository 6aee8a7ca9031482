package io.flashorder.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * A flash-sale campaign's funnel: placements refused because the stock was gone, refused otherwise (by problem
 * code), orders accepted and paid; the paid rate of accepted orders (4 decimals; null without any).
 */
public record CampaignFunnel(UUID campaignId, long refusedSoldOut, Map<String, Long> refusedOther, long accepted,
                             long paid, @Schema(nullable = true) BigDecimal paidRate) {
}
