package io.flashorder.aftersale;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored case with its lines. */
record CaseRow(UUID id, UUID orderId, UUID merchantOrderId, UUID merchantId, String buyerId, AfterSaleType type,
               AfterSaleStatus status, ReasonCode reasonCode, String description, List<String> evidenceUrls,
               List<CaseView.LineView> lines, long goodsRefund, long shippingRefund, String currency,
               boolean beforeShipment, boolean disputed, String decisionReason, String returnCarrier,
               String returnTracking, Instant returnShippedAt, long version, Instant createdAt, Instant updatedAt,
               Instant endedAt) {

    CaseView view() {
        return new CaseView(id, orderId, merchantOrderId, merchantId, type, status, reasonCode, description,
                evidenceUrls, lines, goodsRefund, shippingRefund, Math.addExact(goodsRefund, shippingRefund), currency,
                beforeShipment, disputed, decisionReason, returnCarrier, returnTracking, returnShippedAt, version,
                createdAt, updatedAt, endedAt);
    }
}
