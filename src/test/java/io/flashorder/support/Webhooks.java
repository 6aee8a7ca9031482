package io.flashorder.support;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Merchants' webhook settings, through the merchant API as a merchant sets them. */
public final class Webhooks {

    /** An address nothing listens on: its calls fail, so what is sent there is retried, never received. */
    public static final String NOWHERE = "http://127.0.0.1:9/hook";

    private Webhooks() {
    }

    /** The merchant's events go to {@code url}, signed with {@code secret}. */
    public static void subscribe(UUID merchant, String url, String secret) {
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(Map.of("webhookUrl", url, "webhookSecret", secret))
                .put("/api/v1/merchant/settings").then().statusCode(200);
    }
}
