package io.flashorder.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the reservation script recorded for an Idempotency-Key it accepted: the hash of the request it accepted and
 * the order that request became, or, for a bucketed order, the order whose fallback to other buckets is pending.
 */
public record PlacedKey(String requestHash, UUID orderId, boolean pending) {

    /**
     * The record as lua/reserve_order.lua writes it: {@code <request hash>|<order id>}, with {@code |P} while a
     * bucketed order's fallback is pending; empty for a donor bucket's refusal ({@code |X}), which placed nothing.
     */
    public static Optional<PlacedKey> parse(String value) {
        String[] parts = value.split("\\|", -1);
        String state = parts.length > 2 ? parts[2] : "";
        if ("X".equals(state)) {
            return Optional.empty();
        }
        return Optional.of(new PlacedKey(parts[0], UUID.fromString(parts[1]), "P".equals(state)));
    }

    /** The outcome the script gives a repeated request: the same order for the same request, else a reused key. */
    public ReservationOutcome outcomeFor(String requestHash) {
        if (!this.requestHash.equals(requestHash)) {
            return new ReservationOutcome.KeyReused();
        }
        return pending ? new ReservationOutcome.Pending(orderId, Map.of()) : new ReservationOutcome.Replayed(orderId);
    }
}
