package io.flashorder.security;

import io.flashorder.support.Catalog;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AuthenticationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void noTokenIs401() {
        given().get("/api/v1/admin/skus")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"))
                .header("WWW-Authenticate", "Bearer");
        given().get("/api/v1/merchant/skus").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void forgedTokensAre401() throws NoSuchAlgorithmException {
        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String signedByStranger = Jwt.upn("intruder").groups(Set.of("admin")).sign(foreignKey);
        given().header("Authorization", Tokens.bearer(signedByStranger)).get("/api/v1/admin/skus")
                .then().statusCode(401).contentType(PROBLEM);

        // A genuine token whose payload was edited to claim another role.
        String[] parts = Tokens.customer("mallory").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"customer\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        given().header("Authorization", Tokens.bearer(tampered)).get("/api/v1/admin/skus")
                .then().statusCode(401).contentType(PROBLEM);

        String expired = Jwt.upn("late").groups(Set.of("admin")).issuedAt(1_000_000L).expiresAt(1_000_060L).sign();
        given().header("Authorization", Tokens.bearer(expired)).get("/api/v1/admin/skus")
                .then().statusCode(401).contentType(PROBLEM);

        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/admin/skus")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void wrongRoleIs403() {
        UUID merchant = Catalog.merchant("Role merchant " + UUID.randomUUID());
        given().header("Authorization", Tokens.bearer(Tokens.customer("alice"))).get("/api/v1/admin/skus")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).get("/api/v1/admin/merchants")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer("alice"))).get("/api/v1/merchant/skus")
                .then().statusCode(403).contentType(PROBLEM);
        // A merchant token without a merchant id may not use the merchant API.
        String noScope = Jwt.upn("drifter").groups(Set.of("merchant")).sign();
        given().header("Authorization", Tokens.bearer(noScope)).get("/api/v1/merchant/skus")
                .then().statusCode(403).contentType(PROBLEM).body("code", equalTo("no-merchant-scope"));
    }
}
