package io.flashorder.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;
import java.util.UUID;

/** Bearer tokens for tests, signed with the local test key (scripts/keys.sh) like scripts/token.sh does. */
public final class Tokens {

    /**
     * How long the admin token is handed out again. Signing costs about a millisecond of CPU, and the setup of most
     * tests asks for an admin token several times; the token lives 5 minutes, the service checks it on each request.
     */
    private static final long ADMIN_REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static volatile Minted admin;

    private record Minted(String token, long atNanos) {
    }

    private Tokens() {
    }

    public static String admin() {
        Minted current = admin;
        long now = System.nanoTime();
        if (current == null || now - current.atNanos() > ADMIN_REUSE_NANOS) {
            current = new Minted(Jwt.upn("test-admin").groups(Set.of("admin")).sign(), now);
            admin = current;
        }
        return current.token();
    }

    public static String merchant(UUID merchantId) {
        return Jwt.upn("merchant-user-" + merchantId).groups(Set.of("merchant"))
                .claim("merchant_id", merchantId.toString()).sign();
    }

    /** Warehouse staff of the merchant (role warehouse-operator). */
    public static String warehouseOperator(UUID merchantId, String userId) {
        return Jwt.upn(userId).groups(Set.of("warehouse-operator")).claim("merchant_id", merchantId.toString()).sign();
    }

    public static String customer(String userId) {
        return Jwt.upn(userId).groups(Set.of("customer")).sign();
    }

    /** A customer of the given member tier (null: a token without a tier claim). */
    public static String customer(String userId, String tier) {
        var builder = Jwt.upn(userId).groups(Set.of("customer"));
        return (tier == null ? builder : builder.claim("tier", tier)).sign();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
