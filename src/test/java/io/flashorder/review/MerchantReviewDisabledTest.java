package io.flashorder.review;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The platform setting off (the default): a merchant's review API answers 403 for everything, its own held order
 * included, and decides nothing; the platform's operators still do.
 */
@QuarkusTest
class MerchantReviewDisabledTest {

    private static final String MINE = "/api/v1/merchant/reviews";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    ReviewRepository reviews;
    @Inject
    Pool pool;

    @Test
    void merchantsCannotListNorDecideReviewsUnlessThePlatformAllowsIt() {
        Shop shop = lifecycle.shop("merchant-review-off");
        Lifecycle.PlacedOrder paid = lifecycle.paid("merchant-review-off-" + java.util.UUID.randomUUID(), shop);
        // Scoring is off in the tests' default profile: the order is held as the scorer holds one.
        Instant now = Instant.now();
        reviews.hold(pool, new ReviewView(paid.orderId(), paid.buyerId(), List.of(paid.merchantOrderOf(shop)),
                List.of(shop.merchantId()), ReviewStatus.UNDER_REVIEW, 40,
                List.of(new RiskReason(RiskRule.SHARED_ADDRESS, 40, "3 buyers used this address within PT24H")), now,
                now.plus(Duration.ofHours(24)), null, null, null)).await().atMost(Duration.ofSeconds(10));

        String owner = Tokens.bearer(Tokens.merchant(shop.merchantId()));
        for (Response refused : List.of(
                given().header("Authorization", owner).get(MINE),
                given().header("Authorization", owner).get(MINE + "/{id}", paid.orderId()),
                given().header("Authorization", owner).contentType(ContentType.JSON).body(Map.of("reason", "ok"))
                        .post(MINE + "/{id}/approval", paid.orderId()),
                given().header("Authorization", owner).contentType(ContentType.JSON).body(Map.of("reason", "no"))
                        .post(MINE + "/{id}/rejection", paid.orderId()))) {
            refused.then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("merchant-review-disabled"));
        }
        assertThat(database.string("SELECT status FROM order_review WHERE order_id = $1", paid.orderId()))
                .isEqualTo("UNDER_REVIEW");

        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("reason", "checked")).post("/api/v1/admin/reviews/{id}/approval", paid.orderId())
                .then().statusCode(200).body("status", equalTo("APPROVED"));
    }
}
