package io.flashorder.checkout.preview;

import io.flashorder.inventory.CouponKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The preview endpoint end to end: rules created through the API, priced from the in-memory snapshot. */
@QuarkusTest
class CartPriceResourceTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;

    private UUID merchantA;
    private UUID merchantB;
    private UUID merchantC;
    private UUID skuA1;
    private UUID skuA2;
    private UUID skuB1;
    private UUID skuC1;
    private String tier;
    private String buyer;

    @BeforeEach
    void setUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        merchantA = Catalog.merchant("Preview A " + run);
        merchantB = Catalog.merchant("Preview B " + run);
        merchantC = Catalog.merchant("Preview C " + run);
        skuA1 = Catalog.sku(merchantA, "A1", 10_000); // every test SKU weighs 250 g
        skuA2 = Catalog.sku(merchantA, "A2", 5_000);
        skuB1 = Catalog.sku(merchantB, "B1", 3_000);
        skuC1 = Catalog.sku(merchantC, "C1", 1_999);
        tier = "GOLD_" + run.toUpperCase();
        Pricing.memberTier(tier, 500);
        buyer = "preview-buyer-" + run;
    }

    /**
     * Worked by hand (amounts in cents):
     * <pre>
     * A: A1 2×10000 + A2 1×5000 = 25000. Tier 5% = 1250 (A1 1000, A2 250) → 23750.
     *    Threshold tiers 10000→1000, 20000→2500: 23750 reaches 20000 → 2500 (A1 2000, A2 500) → 21250.
     * B: B1 3×3000 = 9000. Tier 450 → 8550.
     * C: C1 1×1999. Tier 99.95 → 100 (half up) → 1899.
     * Platform coupon 3000 (min spend 10000) on 21250 + 8550 + 1899 = 31699, by largest remainder:
     *    A 2011.11 → 2011, B 809.17 → 809, C 179.72 → 180. Inside A: A1 1608.8 → 1609, A2 402.2 → 402.
     * Goods payable: A 19239, B 7741, C 1719.
     * Shipping: A "*" 750 g ≤ 1000 g → 500, free from 20000 but 19239 misses it → 500.
     *           B "NORTH" (not its "*") 750 g: 800 up to 500 g + 1 step of 250 g × 100 → 900.
     *           C "*" 250 g → 400, free from 1000: 1719 crosses it → 0.
     * Totals: subtotal 35999, discount 1800 + 2500 + 3000 = 7300, shipping 1400, payable 30099.
     * </pre>
     */
    @Test
    void pricesACartOverThreeMerchantsAsWorkedOutByHand() {
        threshold(merchantA, List.of(Map.of("threshold", 10_000, "reduction", 1_000),
                Map.of("threshold", 20_000, "reduction", 2_500)));
        Pricing.shippingTemplate(merchantA, "*", 1000, 500, 500, 200, 20_000L);
        Pricing.shippingTemplate(merchantB, "*", 1000, 9_999, 500, 200, null);
        Pricing.shippingTemplate(merchantB, "NORTH", 500, 800, 250, 100, null);
        Pricing.shippingTemplate(merchantC, "*", 1000, 400, 1000, 100, 1_000L);
        UUID platformTemplate = Pricing.fixedCouponTemplate(null, 3_000, 10_000L, 10);
        String coupon = Pricing.claim(platformTemplate, Tokens.customer(buyer, tier));

        JsonPath quote = preview(Tokens.customer(buyer, tier), Pricing.cart("NORTH",
                List.of(Pricing.line(skuC1, 1), Pricing.line(skuB1, 3), Pricing.line(skuA1, 2), Pricing.line(skuA2, 1)),
                List.of(coupon)))
                .statusCode(200).extract().jsonPath();

        assertThat(quote.getString("currency")).isEqualTo("EUR");
        assertThat(quote.getLong("totals.subtotal")).isEqualTo(35_999);
        assertThat(quote.getLong("totals.discount")).isEqualTo(7_300);
        assertThat(quote.getLong("totals.shipping")).isEqualTo(1_400);
        assertThat(quote.getLong("totals.payable")).isEqualTo(30_099);

        Map<String, Object> a = merchantOrder(quote, merchantA);
        assertThat(((Number) a.get("subtotal")).longValue()).isEqualTo(25_000);
        assertThat(((Number) a.get("discountTotal")).longValue()).isEqualTo(5_761);
        assertThat(((Number) a.get("payable")).longValue()).isEqualTo(19_739);
        assertThat(quote.getBoolean(orderPath(quote, merchantA) + ".shipping.freeShipping")).isFalse();
        assertThat(quote.getLong(orderPath(quote, merchantA) + ".shipping.fee")).isEqualTo(500);
        assertThat(lineDiscounts(quote, skuA1)).containsExactly(1_000L, 2_000L, 1_609L);
        assertThat(lineDiscounts(quote, skuA2)).containsExactly(250L, 500L, 402L);
        assertThat(quote.getLong(linePath(quote, skuA1) + ".payable")).isEqualTo(15_391);

        Map<String, Object> b = merchantOrder(quote, merchantB);
        assertThat(((Number) b.get("discountTotal")).longValue()).isEqualTo(1_259);
        assertThat(quote.getLong(orderPath(quote, merchantB) + ".shipping.fee")).isEqualTo(900);
        assertThat(quote.getString(orderPath(quote, merchantB) + ".shipping.regionCode")).isEqualTo("NORTH");
        assertThat(((Number) b.get("payable")).longValue()).isEqualTo(8_641);

        Map<String, Object> c = merchantOrder(quote, merchantC);
        assertThat(((Number) c.get("discountTotal")).longValue()).isEqualTo(280);
        assertThat(quote.getBoolean(orderPath(quote, merchantC) + ".shipping.freeShipping")).isTrue();
        assertThat(((Number) c.get("payable")).longValue()).isEqualTo(1_719);

        assertThat(quote.getList("appliedRules.kind")).containsExactly("MEMBER_TIER", "SPEND_THRESHOLD_PROMOTION",
                "PLATFORM_COUPON");
        assertThat(quote.getList("appliedRules.amount", Long.class)).containsExactly(1_800L, 2_500L, 3_000L);
        assertThat(quote.getString("appliedRules[0].name")).isEqualTo(tier + " member");
        assertThat(quote.getString("appliedRules[2].ruleId")).isEqualTo(coupon);

        // A preview writes nothing: the coupon is still AVAILABLE and can be priced again to the same result.
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(coupon), CouponKeys.STATE)).isEqualTo("AVAILABLE");
        preview(Tokens.customer(buyer, tier), Pricing.cart("NORTH",
                List.of(Pricing.line(skuA2, 1), Pricing.line(skuA1, 2), Pricing.line(skuB1, 3), Pricing.line(skuC1, 1)),
                List.of(coupon)))
                .statusCode(200).body("totals.payable", equalTo(30_099));
    }

    @Test
    void refusalsNameTheOffendingItem() {
        Pricing.defaultShippingTemplate(merchantA);
        Pricing.defaultShippingTemplate(merchantB);
        String token = Tokens.customer(buyer, tier);
        UUID unknownSku = UUID.randomUUID();

        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1), Pricing.line(unknownSku, 1)))), 422,
                "sku-not-found", unknownSku.toString());

        Map<String, Object> inactive = new HashMap<>(Catalog.skuBody(merchantA, "A2", 5_000));
        inactive.put("status", "INACTIVE");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(inactive)
                .put("/api/v1/admin/skus/{id}", skuA2).then().statusCode(200);
        problem(preview(token, cart(List.of(Pricing.line(skuA2, 1)))), 422, "sku-inactive", skuA2.toString());

        problem(preview(token, cart(List.of(Pricing.line(skuC1, 1)))), 422, "no-shipping-template",
                merchantC.toString());

        UUID platformTemplate = Pricing.fixedCouponTemplate(null, 500, null, 10);
        String someoneElses = Pricing.claim(platformTemplate, Tokens.customer("other-" + buyer, null));
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), someoneElses)), 422, "coupon-not-owned",
                someoneElses);

        String mine = Pricing.claim(platformTemplate, Tokens.customer(buyer, tier));
        redis.hash(String.class).hset(CouponKeys.coupon(mine), CouponKeys.STATE, "USED");
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), mine)), 409, "coupon-used", mine);
        redis.hash(String.class).hset(CouponKeys.coupon(mine), CouponKeys.STATE, "LOCKED");
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), mine)), 409, "coupon-locked", mine);

        UUID merchantCTemplate = Pricing.fixedCouponTemplate(merchantC, 300, null, 10);
        String forC = Pricing.claim(merchantCTemplate, Tokens.customer(buyer, tier));
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), forC)), 422, "coupon-not-applicable", forC);

        UUID minSpendTemplate = Pricing.fixedCouponTemplate(merchantA, 300, 1_000_000L, 10);
        String tooSmall = Pricing.claim(minSpendTemplate, Tokens.customer(buyer, tier));
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), tooSmall)), 422, "coupon-min-spend-not-met",
                tooSmall);

        UUID unknownCoupon = UUID.randomUUID();
        problem(preview(token, cart(List.of(Pricing.line(skuA1, 1)), unknownCoupon.toString())), 422,
                "coupon-not-found", unknownCoupon.toString());

        // Expired: the template's validity is moved into the past after the claim.
        Map<String, Object> body = Pricing.couponTemplateBody(merchantB, "FIXED", 10);
        body.put("amount", 100);
        UUID expiring = Pricing.couponTemplate(body);
        String old = Pricing.claim(expiring, Tokens.customer(buyer, tier));
        body.put("startsAt", Instant.now().minus(10, ChronoUnit.DAYS).toString());
        body.put("endsAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/coupon-templates/{id}", expiring).then().statusCode(200);
        problem(preview(token, cart(List.of(Pricing.line(skuB1, 1)), old)), 422, "coupon-expired", old);

        UUID notACampaign = UUID.randomUUID();
        Map<String, Object> withCampaign = cart(List.of(Pricing.line(skuA1, 1)));
        withCampaign.put("campaignId", notACampaign);
        problem(preview(token, withCampaign), 422, "campaign-not-found", notACampaign.toString());
    }

    @Test
    void badCartsAreRefusedBeforePricing() {
        String token = Tokens.customer(buyer, tier);
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body("{this is not json")
                .post("/api/v1/carts/price")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-json"));
        invalid(token, Map.of("regionCode", "NORTH", "items", List.of()), "items");
        invalid(token, cart(java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> Pricing.line(UUID.randomUUID(), 1)).toList()), "items");
        invalid(token, cart(List.of(Pricing.line(skuA1, 0))), "items[0].quantity");
        invalid(token, cart(List.of(Pricing.line(skuA1, 100))), "items[0].quantity");
        invalid(token, cart(List.of(Pricing.line(skuA1, 1), Pricing.line(skuA1, 2))), "items[1].skuId");
        Map<String, Object> nowhere = cart(List.of(Pricing.line(skuA1, 1)));
        nowhere.put("regionCode", "ATLANTIS");
        invalid(token, nowhere, "regionCode");
        Map<String, Object> noRegion = cart(List.of(Pricing.line(skuA1, 1)));
        noRegion.remove("regionCode");
        invalid(token, noRegion, "regionCode");
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"NORTH\",\"items\":[{\"skuId\":\"not-a-uuid\",\"quantity\":1}]}")
                .post("/api/v1/carts/price")
                .then().statusCode(400).body("code", equalTo("malformed-body")).body("errors[0].field", equalTo("items[0].skuId"));
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"NORTH\",\"items\":[{\"skuId\":\"" + skuA1 + "\",\"quantity\":1}],"
                        + "\"couponIds\":[\"not-a-uuid\"]}")
                .post("/api/v1/carts/price")
                .then().statusCode(400).body("code", equalTo("malformed-body")).body("errors[0].field", equalTo("couponIds[0]"));
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"NORTH\",\"items\":[{\"skuId\":\"" + skuA1 + "\",\"quantity\":1}],"
                        + "\"campaignId\":\"not-a-uuid\"}")
                .post("/api/v1/carts/price")
                .then().statusCode(400).body("code", equalTo("malformed-body")).body("errors[0].field", equalTo("campaignId"));
        // Only customers price carts.
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantA))).contentType(ContentType.JSON)
                .body(cart(List.of(Pricing.line(skuA1, 1)))).post("/api/v1/carts/price")
                .then().statusCode(403);
    }

    @Test
    void aRuleChangeIsPricedInByTheNextPreview() {
        Pricing.defaultShippingTemplate(merchantB);
        String token = Tokens.customer(buyer, null); // no tier: only the promotion moves the price
        Map<String, Object> cart = cart(List.of(Pricing.line(skuB1, 4))); // 12000, 1000 g → shipping 500
        preview(token, cart).statusCode(200).body("totals.discount", equalTo(0)).body("totals.payable", equalTo(12_500));

        Map<String, Object> promotion = thresholdBody(List.of(Map.of("threshold", 10_000, "reduction", 1_500)));
        String promotionId = given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantB)))
                .contentType(ContentType.JSON).body(promotion).post("/api/v1/merchant/promotions")
                .then().statusCode(201).extract().path("id");
        preview(token, cart).statusCode(200).body("totals.discount", equalTo(1_500))
                .body("totals.payable", equalTo(11_000)).body("appliedRules[0].ruleId", equalTo(promotionId));

        promotion.put("active", false);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantB))).contentType(ContentType.JSON)
                .body(promotion).put("/api/v1/merchant/promotions/{id}", promotionId).then().statusCode(200);
        preview(token, cart).statusCode(200).body("totals.discount", equalTo(0));

        // A catalog change is priced in too: the list price moves.
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Catalog.skuBody(merchantB, "B1", 2_000)).put("/api/v1/admin/skus/{id}", skuB1)
                .then().statusCode(200);
        preview(token, cart).statusCode(200).body("totals.subtotal", equalTo(8_000));
    }

    @Test
    void campaignPriceAndTheTierFlag() {
        Pricing.defaultShippingTemplate(merchantA);
        Instant now = Instant.now();
        String campaignId = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("name", "Flash " + tier, "startsAt", now.minus(1, ChronoUnit.HOURS).toString(),
                        "endsAt", now.plus(1, ChronoUnit.HOURS).toString(), "perUserLimit", 2,
                        "paymentTimeoutSeconds", 300,
                        "items", List.of(Map.of("skuId", skuA1, "campaignPrice", 8_000, "campaignStock", 10))))
                .post("/api/v1/admin/campaigns").then().statusCode(201).extract().path("id");
        Map<String, Object> cart = cart(List.of(Pricing.line(skuA1, 1), Pricing.line(skuA2, 1)));
        cart.put("campaignId", campaignId);
        String token = Tokens.customer(buyer, tier);
        try {
            setTierOnCampaignPrice(false);
            // A1 at 8000 (campaign, no tier), A2 5000 - 5% = 4750; 500 g → shipping 500.
            preview(token, cart).statusCode(200)
                    .body("merchantOrders[0].lines.find { it.skuId == '" + skuA1 + "' }.unitPrice", equalTo(8_000))
                    .body("merchantOrders[0].lines.find { it.skuId == '" + skuA1 + "' }.listUnitPrice", equalTo(10_000))
                    .body("totals.discount", equalTo(250)).body("totals.payable", equalTo(13_250));
            setTierOnCampaignPrice(true);
            // Now the tier takes 5% of 13000 = 650.
            preview(token, cart).statusCode(200).body("totals.discount", equalTo(650))
                    .body("totals.payable", equalTo(12_850));
        } finally {
            setTierOnCampaignPrice(false);
        }
    }

    @Test
    void aTierThePlatformDoesNotKnowGivesNoDiscount() {
        Pricing.defaultShippingTemplate(merchantA);
        preview(Tokens.customer(buyer, "NO_SUCH_TIER_" + UUID.randomUUID().toString().substring(0, 4).toUpperCase()),
                cart(List.of(Pricing.line(skuA2, 2)))).statusCode(200)
                .body("totals.discount", equalTo(0)).body("appliedRules.kind", org.hamcrest.Matchers.empty());
        preview(Tokens.customer(buyer, tier), cart(List.of(Pricing.line(skuA2, 2)))).statusCode(200)
                .body("totals.discount", equalTo(500)).body("appliedRules.kind", hasItem("MEMBER_TIER"));
    }

    private static void setTierOnCampaignPrice(boolean applies) {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("appliesToCampaignPrice", applies)).put("/api/v1/admin/member-tiers/policy")
                .then().statusCode(200).body("appliesToCampaignPrice", equalTo(applies));
    }

    private void threshold(UUID merchant, List<Map<String, Object>> tiers) {
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(thresholdBody(tiers)).post("/api/v1/merchant/promotions").then().statusCode(201);
    }

    private static Map<String, Object> thresholdBody(List<Map<String, Object>> tiers) {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "SPEND_THRESHOLD");
        body.put("name", "Spend more, save more");
        body.put("startsAt", now.minus(1, ChronoUnit.DAYS).toString());
        body.put("endsAt", now.plus(1, ChronoUnit.DAYS).toString());
        body.put("currency", "EUR");
        body.put("tiers", tiers);
        return body;
    }

    private static Map<String, Object> cart(List<Map<String, Object>> items, String... couponIds) {
        return Pricing.cart("NORTH", items, List.of(couponIds));
    }

    private static io.restassured.response.ValidatableResponse preview(String token, Map<String, Object> cart) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body(cart)
                .post("/api/v1/carts/price").then();
    }

    private static void problem(io.restassured.response.ValidatableResponse response, int status, String code,
                                String subject) {
        response.statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("subject", equalTo(subject))
                .body("detail", org.hamcrest.Matchers.containsString(subject));
    }

    private static void invalid(String token, Map<String, Object> cart, String field) {
        preview(token, cart).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
    }

    private static String orderPath(JsonPath quote, UUID merchantId) {
        return "merchantOrders[" + quote.getList("merchantOrders.merchantId").indexOf(merchantId.toString()) + "]";
    }

    private static Map<String, Object> merchantOrder(JsonPath quote, UUID merchantId) {
        return quote.getMap(orderPath(quote, merchantId));
    }

    private static String linePath(JsonPath quote, UUID skuId) {
        List<List<String>> skus = quote.getList("merchantOrders.lines.skuId");
        for (int m = 0; m < skus.size(); m++) {
            int l = skus.get(m).indexOf(skuId.toString());
            if (l >= 0) {
                return "merchantOrders[" + m + "].lines[" + l + "]";
            }
        }
        throw new AssertionError("no line for " + skuId);
    }

    private static List<Long> lineDiscounts(JsonPath quote, UUID skuId) {
        return quote.getList(linePath(quote, skuId) + ".discounts.amount", Long.class);
    }
}
