package io.flashorder.inventory;

import java.util.UUID;

/**
 * What the reservation script recorded for an Idempotency-Key it accepted: the hash of the request it accepted and
 * the order that request became.
 */
public record PlacedKey(String requestHash, UUID orderId) {

    /** The record as lua/reserve_order.lua writes it: {@code <request hash>|<order id>}. */
    static PlacedKey parse(String value) {
        int bar = value.lastIndexOf('|');
        return new PlacedKey(value.substring(0, bar), UUID.fromString(value.substring(bar + 1)));
    }

    /** The outcome the script gives a repeated request: the same order for the same request, else a reused key. */
    public ReservationOutcome outcomeFor(String requestHash) {
        return this.requestHash.equals(requestHash) ? new ReservationOutcome.Replayed(orderId)
                : new ReservationOutcome.KeyReused();
    }
}
