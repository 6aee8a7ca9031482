package io.flashorder.aftersale;

import java.util.UUID;

/**
 * One line of a merchant order with what after-sales did to it: units refunded by succeeded cases, units in an open
 * refunding case, and whether any case holds it now.
 */
record LineFacts(UUID lineId, UUID skuId, int bought, long payable, int refunded, int refundInProgress,
                 boolean heldByOpenCase) {

    /** Units a new case may still take. */
    int available() {
        return bought - refunded - refundInProgress;
    }

    RefundAllocation.LineState moneyState() {
        return new RefundAllocation.LineState(lineId, bought, payable, refunded + refundInProgress);
    }
}
