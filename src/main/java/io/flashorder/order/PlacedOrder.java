package io.flashorder.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An accepted order exactly as checkout priced it: the payload of the placed-orders stream and of the hold
 * record, and what the writer persists. Ids of merchant orders and lines are generated at placement, so writing
 * the same payload twice changes nothing. Amounts are minor units of {@code currency}. Address and contact are
 * already encrypted ({@code io.flashorder.security.PiiCipher}). {@code deviceHash} is the SHA-256 fingerprint of the
 * client device's {@code X-Device-Fingerprint} header (never the raw value), null when it sent none.
 */
public record PlacedOrder(
        UUID id,
        String buyerId,
        UUID campaignId,
        PaymentMethod paymentMethod,
        String currency,
        long subtotal,
        long discountTotal,
        long shippingTotal,
        long payable,
        Instant placedAt,
        Instant paymentDeadline,
        Address address,
        String buyerNote,
        List<String> couponIds,
        List<Rule> rules,
        List<MerchantPart> merchantOrders,
        String deviceHash) {

    /** Encrypted recipient, phone and street detail; the region stays plain for routing and shipping. */
    public record Address(String recipientEncrypted, String phoneEncrypted, String regionCode, String detailEncrypted) {
    }

    /** A pricing rule applied to the order, with the total it took off, for the breakdown a client shows. */
    public record Rule(String kind, String ruleId, String name, long amount) {
    }

    public record MerchantPart(UUID id, UUID merchantId, long subtotal, long discountTotal, long shippingFee,
                               long payable, List<Line> lines) {
    }

    /** One SKU of a merchant order, with each discount's exact share so a partial refund is exact. */
    public record Line(UUID id, UUID skuId, String title, int quantity, long listUnitPrice, long unitPrice,
                       long subtotal, long discountTotal, long payable, List<Rule> discounts) {
    }
}
