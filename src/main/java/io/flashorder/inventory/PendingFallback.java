package io.flashorder.inventory;

import java.util.UUID;

/**
 * A bucketed order's fallback not settled yet, as its buyer's home slot lists it for the sweeper
 * ({@code order:<tag>:pending-fallbacks}): reserve_order.lua (role 'H') adds it when home lacks the units,
 * settle_fallback.lua removes it. The member is {@code <orderId>|<campaignId>|<skuId>|<units>|<idempotency key>}, the
 * key last since the buyer id inside it may hold any character.
 *
 * @param skuId          the order's first line's SKU: with the campaign, the item whose bucket count the walk used
 * @param units          the campaign units counted against the buyer's limit at home
 * @param idempotencyKey the buyer's record in the home slot ({@code idem:<tag>:<userId>:<digest>})
 */
public record PendingFallback(UUID orderId, UUID campaignId, UUID skuId, int units, String idempotencyKey) {

    public static PendingFallback parse(String member) {
        String[] parts = member.split("\\|", 5);
        if (parts.length != 5) {
            throw new IllegalArgumentException("Not a pending fallback: " + member);
        }
        return new PendingFallback(UUID.fromString(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2]),
                Integer.parseInt(parts[3]), parts[4]);
    }

    public String member() {
        return orderId + "|" + campaignId + "|" + skuId + "|" + units + "|" + idempotencyKey;
    }

    /** The buyer: between the key's slot tag and its digest ({@code idem:<tag>:<userId>:<digest>}). */
    public String userId() {
        return idempotencyKey.substring(idempotencyKey.indexOf(':', "idem:".length()) + 1,
                idempotencyKey.lastIndexOf(':'));
    }

    /** The digest of the buyer's Idempotency-Key, the same in every slot the walk asked. */
    public String keyDigest() {
        return idempotencyKey.substring(idempotencyKey.lastIndexOf(':') + 1);
    }

    /** The record of the same key in another bucket's slot. */
    public String idempotencyKeyIn(OrderSlot slot) {
        return OrderKeys.idempotency(slot, userId(), keyDigest());
    }
}
