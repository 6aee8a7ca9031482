package io.flashorder.points;

/** Why a ledger entry changed the balance. */
public enum PointsEntryKind {
    /** Earned when a merchant order completed, on its paid goods. */
    EARN,
    /** Spent on an order, when it was paid. */
    REDEEM,
    /** Points spent on an order given back (the order was refunded before shipment). */
    RETURN,
    /** Earned points taken back in proportion to goods refunded after completion. */
    CLAWBACK,
    /** Points that were not spent before their expiry (FIFO). */
    EXPIRE,
    /** An operator's correction, with its reason. */
    ADJUST
}
