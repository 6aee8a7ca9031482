package io.flashorder.security;

/** The roles a bearer token carries in its {@code groups} claim. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
