package io.flashorder.security;

/** The roles a bearer token carries in its {@code groups} claim. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String ADMIN = "admin";
    /**
     * Warehouse staff of one merchant (its {@code merchant_id} claim): waves, picking, packing, hand-over and printing
     * for that merchant's warehouses; never prices, refunds, carriers, templates or settings.
     */
    public static final String WAREHOUSE_OPERATOR = "warehouse-operator";

    private Roles() {
    }
}
