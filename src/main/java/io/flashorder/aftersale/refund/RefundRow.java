package io.flashorder.aftersale.refund;

import java.util.UUID;

/** A case's refund as the refund steps need it. */
record RefundRow(UUID id, UUID caseId, UUID orderId, long amount, String currency, boolean offline, String status,
                 int attempts, String provider, String providerRefundId) {

    boolean pending() {
        return "PENDING".equals(status);
    }
}
