package io.flashorder.aftersale;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored case with its lines. */
public record CaseRow(UUID id, UUID orderId, UUID merchantOrderId, UUID merchantId, String buyerId, AfterSaleType type,
               AfterSaleStatus status, ReasonCode reasonCode, String description, List<String> evidenceUrls,
               List<CaseView.LineView> lines, long goodsRefund, long shippingRefund, String currency,
               boolean beforeShipment, boolean disputed, String decisionReason, String returnCarrier,
               String returnTracking, Instant returnShippedAt, Instant receivedAt, String exchangeCarrier,
               String exchangeTracking, Instant exchangeShippedAt, Instant dueAt, CaseView.RefundView refund,
               long version, Instant createdAt, Instant updatedAt, Instant endedAt) {

    public CaseView view() {
        return new CaseView(id, orderId, merchantOrderId, merchantId, type, status, reasonCode, description,
                evidenceUrls, lines, goodsRefund, shippingRefund, Math.addExact(goodsRefund, shippingRefund), currency,
                beforeShipment, disputed, decisionReason, returnCarrier, returnTracking, returnShippedAt, receivedAt, exchangeCarrier, exchangeTracking,
                exchangeShippedAt, dueAt, refund,
                version,
                createdAt, updatedAt, endedAt);
    }
}
