package io.flashorder.aftersale.refund;

import java.util.UUID;

/**
 * What a refund callback did: {@code REFUNDED} (the case succeeded), {@code RETRY_SCHEDULED} (the provider failed it;
 * asked again after a back-off), {@code FAILED} (its last attempt failed: shown to the merchant), {@code IGNORED}
 * (about an attempt that is no longer current). {@code duplicate}: this refund was decided before.
 */
public record RefundCallbackReceipt(String refundId, UUID caseId, String outcome, boolean duplicate) {
}
