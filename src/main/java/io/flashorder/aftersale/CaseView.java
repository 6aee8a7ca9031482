package io.flashorder.aftersale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An after-sale case as its buyer, its merchant and admins see it. Amounts in minor units of {@code currency}. */
public record CaseView(UUID id, UUID orderId, UUID merchantOrderId, UUID merchantId, AfterSaleType type,
                       AfterSaleStatus status, ReasonCode reasonCode, String description, List<String> evidenceUrls,
                       List<LineView> lines, long goodsRefund, long shippingRefund, long refundTotal,
                       String currency, boolean beforeShipment, boolean disputed,
                       @Schema(nullable = true) String decisionReason,
                       @Schema(nullable = true) String returnCarrier,
                       @Schema(nullable = true) String returnTracking,
                       @Schema(nullable = true) Instant returnShippedAt,
                       long version, Instant createdAt, Instant updatedAt,
                       @Schema(nullable = true) Instant endedAt) {

    /** Units of one order line and what they give back. */
    public record LineView(UUID lineId, UUID skuId, int quantity, long refundAmount) {
    }
}
