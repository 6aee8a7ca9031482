package io.flashorder.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A flash sale: buyers arrive in a ramp, each places one order for the scarce campaign SKU; a share of those whose
 * order is accepted pays it (payment session, then the sandbox gateway's signed callback); once the SKU is sold out
 * the rest are refused (409 sold-out). 201 and 409 are expected answers; a 503 is retried with the same
 * Idempotency-Key after a second (up to maxRetries times), as the API asks of clients; anything else fails the run.
 * System properties (load-tests/flash-sale-gatling.sh sets them): baseUrl, tokens (CSV with a "token" column, one
 * buyer per line), sku, campaign, webhookSecret, users, rampSeconds, payPercent, maxRetries.
 */
public class FlashSaleSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8090");
    private static final String TOKENS = System.getProperty("tokens", "target/tokens.csv");
    private static final String SKU = System.getProperty("sku");
    private static final String CAMPAIGN = System.getProperty("campaign");
    private static final String WEBHOOK_SECRET = System.getProperty("webhookSecret");
    private static final int USERS = Integer.getInteger("users", 3000);
    private static final int RAMP_SECONDS = Integer.getInteger("rampSeconds", 30);
    private static final int PAY_PERCENT = Integer.getInteger("payPercent", 60);
    private static final int MAX_RETRIES = Integer.getInteger("maxRetries", 5);

    /** Answers to the placement by problem code ("accepted" for a 201), printed at the end. */
    private static final Map<String, LongAdder> PLACEMENTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> PAYMENTS = new ConcurrentHashMap<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    private final String orderBody = """
            {"items":[{"skuId":"%s","quantity":1}],"campaignId":"%s",
             "address":{"recipient":"Gatling Buyer","phone":"+44 20 7946 0958","regionCode":"NORTH",
                        "detail":"1 Load Street"},
             "paymentMethod":"ONLINE"}""".formatted(SKU, CAMPAIGN);

    private final ChainBuilder pay = exec(http("open payment session")
            .post("/api/v1/orders/#{orderId}/payments")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"provider\":\"sandbox\"}"))
            .check(status().in(200, 201))
            .check(jsonPath("$.sessionId").saveAs("sessionId"))
            .check(jsonPath("$.amount").saveAs("amount"))
            .check(jsonPath("$.currency").saveAs("currency")))
            .exitHereIfFailed()
            .exec(FlashSaleSimulation::signCallback)
            .exec(http("payment callback")
                    .post("/api/v1/webhooks/payments/sandbox")
                    .header("X-Sandbox-Timestamp", "#{callbackTimestamp}")
                    .header("X-Sandbox-Signature", "#{callbackSignature}")
                    .body(StringBody("#{callbackBody}"))
                    .check(status().is(200))
                    .check(jsonPath("$.outcome").is("PAID").saveAs("paymentOutcome")))
            .exec(session -> count(PAYMENTS, session.getString("paymentOutcome"), session));

    /** One placement attempt; 503 (overloaded, or a reservation that timed out) is an answer to retry. */
    private ChainBuilder attempt(String name) {
        return exec(http(name)
                .post("/api/v1/orders")
                .header("Authorization", "Bearer #{token}")
                .header("Idempotency-Key", "#{idempotencyKey}")
                .body(StringBody(orderBody))
                .check(status().in(201, 409, 503).saveAs("placeStatus"))
                .check(jsonPath("$.id").optional().saveAs("orderId"))
                .check(jsonPath("$.code").optional().saveAs("refusal")));
    }

    private final ScenarioBuilder buyers = scenario("Flash-sale buyers")
            .feed(csv(TOKENS).queue())
            .exec(session -> session.set("idempotencyKey", UUID.randomUUID().toString()))
            .exec(attempt("place order"))
            // As the API asks of clients: after a 503, wait and send the same request with the same Idempotency-Key
            // (an order the service did reserve before its answer timed out is answered again, never placed twice).
            .asLongAs(session -> session.getInt("placeStatus") == 503
                    && (!session.contains("retry") || session.getInt("retry") < MAX_RETRIES),
                    "retry")
            .on(pause(Duration.ofSeconds(1)).exec(attempt("place order (retry after 503)")))
            .exec(session -> count(PLACEMENTS, switch (session.getInt("placeStatus")) {
                case 201 -> "accepted";
                case 503 -> "unavailable-after-retries";
                default -> session.getString("refusal");
            }, session))
            // A fixed share of the accepted buyers pay (by user id, so every run pays the same share).
            .doIf(session -> session.getInt("placeStatus") == 201 && session.userId() % 100 < PAY_PERCENT)
            .then(pay);

    {
        if (SKU == null || CAMPAIGN == null || WEBHOOK_SECRET == null) {
            throw new IllegalStateException("set -Dsku, -Dcampaign and -DwebhookSecret "
                    + "(load-tests/flash-sale-gatling.sh does)");
        }
        setUp(buyers.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(RAMP_SECONDS))))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        System.out.println("flash-sale placements " + totals(PLACEMENTS));
        System.out.println("flash-sale payments " + totals(PAYMENTS));
    }

    /** The sandbox gateway's callback: HMAC-SHA256 over "<epoch seconds>.<raw body>", lowercase hex. */
    private static Session signCallback(Session session) {
        String body = "{\"type\":\"payment.succeeded\",\"transactionId\":\"sbx_tx_" + UUID.randomUUID()
                + "\",\"sessionId\":\"" + session.getString("sessionId") + "\",\"amount\":"
                + session.getString("amount") + ",\"currency\":\"" + session.getString("currency")
                + "\",\"failureReason\":null}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return session.set("callbackBody", body).set("callbackTimestamp", timestamp)
                    .set("callbackSignature", signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Session count(Map<String, LongAdder> counts, String key, Session session) {
        counts.computeIfAbsent(key == null ? "unknown" : key, k -> new LongAdder()).increment();
        return session;
    }

    private static String totals(Map<String, LongAdder> counts) {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(counts).forEach((key, value) -> out.append(key).append('=').append(value.sum())
                .append(' '));
        return out.toString().strip();
    }
}
