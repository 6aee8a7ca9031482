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
                       @Schema(nullable = true) Instant receivedAt,
                       @Schema(nullable = true) String exchangeCarrier,
                       @Schema(nullable = true) String exchangeTracking,
                       @Schema(nullable = true) Instant exchangeShippedAt,
                       @Schema(nullable = true, description = "When the case's current deadline acts on it") Instant dueAt,
                       @Schema(nullable = true, description = "The case's refund once approved") RefundView refund,
                       long version, Instant createdAt, Instant updatedAt,
                       @Schema(nullable = true) Instant endedAt) {

    /**
     * Units of one order line and what they give back; once received, how many were restocked and written off; for
     * an exchange, the SKU sent in their place.
     */
    public record LineView(UUID lineId, UUID skuId, int quantity, long refundAmount,
                           @Schema(nullable = true) Integer restocked, @Schema(nullable = true) Integer writtenOff,
                           @Schema(nullable = true) UUID replacementSkuId) {
    }

    /**
     * The money back: {@code PENDING} (with the provider, or waiting to be retried after {@code lastError}),
     * {@code SUCCEEDED}, or {@code FAILED} after its last attempt (the merchant may start it again).
     */
    public record RefundView(UUID id, long amount, String currency, String method, String status, int attempts,
                             @Schema(nullable = true) String lastError,
                             @Schema(nullable = true) Instant nextAttemptAt,
                             @Schema(nullable = true) String providerRefundId,
                             @Schema(nullable = true) String offlineReference,
                             @Schema(nullable = true) Instant succeededAt) {
    }
}
