package io.flashorder.aftersale;

/** What moves a case (see {@link AfterSaleStateMachine}). */
public enum AfterSaleEvent {
    /** The merchant approves. */
    APPROVE,
    /** Approved without the merchant: refund-only before shipment at once, or the review deadline passed. */
    AUTO_APPROVE,
    /** The merchant refuses (reason required). */
    REJECT,
    /** The buyer disputes a rejection (once). */
    DISPUTE,
    /** An admin decides a dispute for the buyer: the case continues as approved. */
    ARBITRATE_APPROVE,
    /** An admin decides a dispute for the merchant: the case is closed. */
    ARBITRATE_REJECT,
    /** The buyer shipped the goods back (carrier + tracking); the case keeps waiting for them. */
    SHIP_RETURN,
    /** The merchant received and inspected the goods. */
    RECEIVE_RETURN,
    /** The refund is started (by the merchant, or when the merchant's receipt deadline passed). */
    START_REFUND,
    /** The provider confirmed the refund, or the merchant recorded an offline one. */
    REFUND_SUCCEEDED,
    /** The merchant ships the replacement. */
    SHIP_EXCHANGE,
    /** The buyer confirmed the replacement's receipt, or it was confirmed automatically. */
    CONFIRM_EXCHANGE,
    /** The buyer withdraws the case. */
    WITHDRAW,
    /** A deadline passed (the buyer's ship-back deadline, a rejection never disputed). */
    CLOSE
}
