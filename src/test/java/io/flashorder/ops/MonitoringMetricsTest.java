package io.flashorder.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flashorder.catalog.CampaignStockGauges;
import io.flashorder.platform.redis.RedisMemoryGauges;
import io.flashorder.support.Catalog;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.flashorder.webhooks.WebhookBacklog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs a small flash sale (3 units, 5 buyers, one pays, one forged payment callback), then scrapes /q/metrics and
 * checks that every series the PrometheusRule and the Grafana dashboard select exists, with the label values they
 * select on (outcome="accepted", state="held", uri="/api/v1/orders"...), and that the sale moved them as it should.
 */
@QuarkusTest
class MonitoringMetricsTest {

    private static final Path MONITORING = Path.of("k8s/components/monitoring");
    /** A metric name followed by an optional label selector, as the rules and dashboard write them. */
    private static final Pattern SELECTOR = Pattern.compile(
            "\\b((?:flashorder|http_server|ft)_[a-zA-Z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    /** One exposition line: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Inject
    TestClock clock;
    @Inject
    CampaignStockGauges campaignStock;
    @Inject
    WebhookBacklog webhookBacklog;
    @Inject
    RedisMemoryGauges redisMemory;
    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void everySeriesTheAlertsAndTheDashboardSelectIsExportedAndMovesWithASale() throws IOException {
        breakers.resetAll();
        List<Sample> before = scrape();

        UUID merchant = Catalog.merchant("Monitoring merchant " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Monitored earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, north, 10);
        String campaign = Catalog.liveCampaign(clock.instant(), sku, 9_900, 3, 1);

        List<JsonPath> accepted = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String buyer = "monitored-" + i + "-" + UUID.randomUUID();
            Map<String, Object> body = new HashMap<>(Orders.body(Map.of(sku, 1)));
            body.put("campaignId", campaign);
            var answer = Orders.place(buyer, body);
            if (i < 3) {
                accepted.add(answer.then().statusCode(201).extract().jsonPath());
                buyers.add(buyer);
            } else {
                answer.then().statusCode(409);
            }
        }
        String orderId = accepted.get(0).getString("id");
        long payable = accepted.get(0).getLong("payable");
        String session = Payments.open(buyers.get(0), orderId).then().statusCode(201).extract().path("sessionId");
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), payable, "EUR",
                clock.instant())).then().statusCode(200);
        String forged = SandboxCallbacks.body("payment.succeeded", "tx-" + UUID.randomUUID(), session, payable, "EUR",
                null);
        SandboxCallbacks.post(SandboxCallbacks.sign(forged, clock.instant(),
                "not the secret".getBytes(StandardCharsets.UTF_8))).then().statusCode(401);

        // What runs on timers in production, now: a reconciliation (report only) and the three samplers.
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/stock-integrity/reconciliations?repair=false").then().statusCode(200);
        campaignStock.sample().await().atMost(Duration.ofSeconds(10));
        webhookBacklog.sample().await().atMost(Duration.ofSeconds(10));
        redisMemory.sample().await().atMost(Duration.ofSeconds(10));

        List<Sample> after = Eventually.awaitValue(Duration.ofSeconds(10), () -> {
            List<Sample> scraped = scrape();
            assertThat(value(scraped, "flashorder_orders_written_total", Map.of()))
                    .isGreaterThanOrEqualTo(value(before, "flashorder_orders_written_total", Map.of()) + 3);
            return scraped;
        });

        Set<String> missing = new LinkedHashSet<>();
        for (String selector : selectors()) {
            Matcher m = SELECTOR.matcher(selector);
            assertThat(m.matches()).isTrue();
            Map<String, String> equal = new HashMap<>();
            if (m.group(3) != null) {
                Matcher label = MATCHER.matcher(m.group(3));
                while (label.find()) {
                    if (label.group(2).equals("=")) {
                        equal.put(label.group(1), label.group(3));
                    }
                }
            }
            if (after.stream().noneMatch(s -> s.name().equals(m.group(1)) && s.labels().entrySet().containsAll(
                    equal.entrySet()))) {
                missing.add(selector);
            }
        }
        assertThat(missing).as("selectors of the rules and the dashboard that match no exported series").isEmpty();

        // And the sale moved them: 3 accepted, 2 refused sold out, one paid, one forged callback refused.
        assertThat(delta(before, after, "flashorder_placements_total", Map.of("outcome", "accepted"))).isEqualTo(3);
        assertThat(delta(before, after, "flashorder_placements_total", Map.of("outcome", "sold-out"))).isEqualTo(2);
        assertThat(delta(before, after, "flashorder_payment_callbacks_total",
                Map.of("provider", "sandbox", "outcome", "paid"))).isEqualTo(1);
        assertThat(delta(before, after, "flashorder_payment_callbacks_total",
                Map.of("provider", "sandbox", "outcome", "rejected"))).isEqualTo(1);
        Map<String, String> campaignSku = Map.of("campaign", campaign, "sku", sku.toString());
        assertThat(value(after, "flashorder_campaign_stock_units", with(campaignSku, "state", "available"))).isZero();
        assertThat(value(after, "flashorder_campaign_stock_units", with(campaignSku, "state", "held"))).isEqualTo(2);
        assertThat(value(after, "flashorder_campaign_stock_units", with(campaignSku, "state", "sold"))).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_bucket",
                Map.of("method", "POST", "uri", "/api/v1/orders", "status", "201", "le", "+Inf"))).isEqualTo(3);
    }

    /** Every metric selector in the PrometheusRule's expressions and the dashboard's queries. */
    private static Set<String> selectors() throws IOException {
        List<String> expressions = new ArrayList<>(new YAMLMapper()
                .readTree(MONITORING.resolve("prometheusrule.yaml").toFile()).at("/spec/groups").findValuesAsText("expr"));
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("flashorder-dashboard.json").toFile());
        expressions.addAll(dashboard.path("panels").findValuesAsText("expr"));
        Set<String> selectors = new LinkedHashSet<>();
        for (String expression : expressions) {
            Matcher m = SELECTOR.matcher(expression);
            while (m.find()) {
                selectors.add(m.group());
            }
        }
        assertThat(selectors).hasSizeGreaterThanOrEqualTo(15);
        return selectors;
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private static List<Sample> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return samples;
    }

    /** The sum of the series of {@code name} whose labels include {@code labels} (0 when there is none). */
    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static double delta(List<Sample> before, List<Sample> after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
