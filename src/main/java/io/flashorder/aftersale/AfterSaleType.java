package io.flashorder.aftersale;

/** What the buyer asks for. */
public enum AfterSaleType {
    /** Money back, goods kept (or never shipped): 仅退款. */
    REFUND_ONLY,
    /** Goods back to the merchant, money back after inspection: 退货退款. */
    RETURN_REFUND,
    /** Goods back, the same SKU ships out again: 换货. */
    EXCHANGE;

    public boolean returnsGoods() {
        return this != REFUND_ONLY;
    }

    public boolean refunds() {
        return this != EXCHANGE;
    }
}
