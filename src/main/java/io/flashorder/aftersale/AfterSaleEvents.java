package io.flashorder.aftersale;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payloads of the after-sales events merchants receive through their webhook. */
public final class AfterSaleEvents {

    private AfterSaleEvents() {
    }

    /** A case moved: what it is now, why, and what it gives back; the buyer's reason code and the units it covers. */
    record CaseChanged(UUID caseId, UUID orderId, UUID merchantOrderId, UUID merchantId, AfterSaleType type,
                       String event, AfterSaleStatus status, long refundTotal, String currency, String actor,
                       String reason, Instant at, ReasonCode reasonCode, List<Units> lines) {

        /** Units of one SKU in the case. */
        record Units(UUID skuId, int quantity) {
        }

        static CaseChanged of(CaseRow found, AfterSaleStatus status, String event, String actor, String reason,
                              Instant at) {
            return new CaseChanged(found.id(), found.orderId(), found.merchantOrderId(), found.merchantId(),
                    found.type(), event, status, Math.addExact(found.goodsRefund(), found.shippingRefund()),
                    found.currency(), actor, reason, at, found.reasonCode(),
                    found.lines().stream().map(line -> new Units(line.skuId(), line.quantity())).toList());
        }
    }
}
