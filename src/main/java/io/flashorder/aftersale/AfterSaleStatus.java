package io.flashorder.aftersale;

/** States of an after-sale case (see {@link AfterSaleStateMachine} for how they connect). */
public enum AfterSaleStatus {
    /** 待审核: the merchant decides. */
    PENDING_REVIEW,
    /** The merchant refused; the buyer may dispute once. */
    REJECTED,
    /** 平台介入: an admin decides a disputed rejection. */
    IN_ARBITRATION,
    /** Approved return or exchange: the buyer ships the goods back (carrier + tracking). */
    AWAITING_RETURN,
    /** 待退货入库 / 待换货入库: the merchant received and inspected the goods (restock or write-off per line). */
    RETURN_RECEIVED,
    /** 待退款: the money is on its way back. */
    PENDING_REFUND,
    /** 换货出库中: the replacement is shipped. */
    EXCHANGE_SHIPPING,
    /** 售后成功. */
    SUCCEEDED,
    /** Withdrawn by the buyer. */
    CANCELLED,
    /** A deadline passed or an arbitration refused the case. */
    CLOSED;

    /**
     * Whether the case holds its lines and keeps the merchant order in AFTER_SALE. A rejected case does not: its
     * lines are free again (a dispute takes them back if nobody else did meanwhile).
     */
    public boolean isOpen() {
        return switch (this) {
            case REJECTED, SUCCEEDED, CANCELLED, CLOSED -> false;
            default -> true;
        };
    }
}
