package io.flashorder.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;
import java.util.UUID;

/** Bearer tokens for tests, signed with the local test key (scripts/keys.sh) like scripts/token.sh does. */
public final class Tokens {

    private Tokens() {
    }

    public static String admin() {
        return Jwt.upn("test-admin").groups(Set.of("admin")).sign();
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
