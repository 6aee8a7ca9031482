package io.flashorder.aftersale;

import java.time.Instant;
import java.util.UUID;

/** Payloads of the after-sales events merchants receive through their webhook. */
public final class AfterSaleEvents {

    private AfterSaleEvents() {
    }

    /** A case moved: what it is now, why, and what it gives back. */
    record CaseChanged(UUID caseId, UUID orderId, UUID merchantOrderId, UUID merchantId, AfterSaleType type,
                       String event, AfterSaleStatus status, long refundTotal, String currency, String actor,
                       String reason, Instant at) {

        static CaseChanged of(CaseRow found, AfterSaleStatus status, String event, String actor, String reason,
                              Instant at) {
            return new CaseChanged(found.id(), found.orderId(), found.merchantOrderId(), found.merchantId(),
                    found.type(), event, status, Math.addExact(found.goodsRefund(), found.shippingRefund()),
                    found.currency(), actor, reason, at);
        }
    }
}
