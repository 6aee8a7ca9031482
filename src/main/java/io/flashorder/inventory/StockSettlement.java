package io.flashorder.inventory;

/** What a settlement script did to an order's reservation in Redis. */
public enum StockSettlement {
    /** Held units are now sold. */
    COMMITTED,
    /** Held units went back to available. */
    RELEASED,
    /** A cancelled order's units were sold again (late payment). */
    REVIVED,
    /** This script had already run for the order: nothing changed. */
    ALREADY,
    /** The units had been sold meanwhile (a late payment won): a release did nothing. */
    ALREADY_SOLD,
    /** The units had been given back: a commit did nothing. */
    ALREADY_RELEASED,
    /** A revive found the stock, campaign stock or a coupon gone: nothing changed. */
    UNAVAILABLE,
    /** A revive found no hold, so the reservation's fate is unknown: nothing changed. */
    UNKNOWN,
    /**
     * A commit or release found no hold: Redis does not hold the order's units (its reservation was lost or had
     * expired), so nothing changed; recovery and the reconciliation make the counters agree with PostgreSQL.
     */
    MISSING,
    /** The counters could not cover the order (held below its units): nothing changed, nothing went negative. */
    SHORT
}
