package io.flashorder.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flashorder.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule's groups through promtool: {@code check rules} (syntax, PromQL, templates) and {@code test rules}
 * over k8s/components/monitoring/tests/alerts-test.yaml, which has a firing case for every alert. The dashboard's
 * PromQL goes through promtool too (as recording rules), so a typo there fails here, not in Grafana.
 */
class AlertRulesTest {

    private static final Path MONITORING = Path.of("k8s/components/monitoring");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path work;

    private static JsonNode groups;

    @BeforeAll
    static void extractRules() throws IOException {
        groups = YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile()).at("/spec/groups");
        ObjectNode rules = YAML.createObjectNode();
        rules.set("groups", groups);
        YAML.writeValue(work.resolve("rules.yaml").toFile(), rules);
        Files.copy(MONITORING.resolve("tests/alerts-test.yaml"), work.resolve("alerts-test.yaml"));
    }

    @Test
    void rulesPassPromtoolCheck() {
        Processes.Result check = promtool("check", "rules", work.resolve("rules.yaml").toString());
        assertThat(check.succeeded()).as(check.output()).isTrue();
        assertThat(check.output()).contains("SUCCESS: 10 rules found");
    }

    @Test
    void everyAlertFiresInItsUnitTest() {
        Processes.Result test = promtool("test", "rules", work.resolve("alerts-test.yaml").toString());
        assertThat(test.succeeded()).as(test.output()).isTrue();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAFiringTestCaseSeverityAndText() throws IOException {
        Set<String> alerts = new TreeSet<>(groups.findValuesAsText("alert"));
        assertThat(alerts).hasSize(10);
        for (JsonNode rule : groups.findValues("rules").stream().flatMap(r -> stream(r)).toList()) {
            assertThat(rule.at("/labels/severity").asText()).as(rule.path("alert").asText()).isIn("warning", "critical");
            assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
            assertThat(rule.at("/annotations/description").asText()).isNotBlank();
        }
        JsonNode cases = YAML.readTree(MONITORING.resolve("tests/alerts-test.yaml").toFile()).path("tests");
        Set<String> firing = new TreeSet<>();
        for (JsonNode testCase : cases) {
            for (JsonNode check : testCase.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firing.add(check.path("alertname").asText());
                }
            }
        }
        assertThat(firing).isEqualTo(alerts);
    }

    @Test
    void dashboardQueriesArePromQL() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("flashorder-dashboard.json").toFile());
        List<String> expressions = dashboard.path("panels").findValuesAsText("expr");
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        ArrayNode recordings = YAML.createArrayNode();
        for (int i = 0; i < expressions.size(); i++) {
            recordings.addObject().put("record", "dashboard:panel_" + i).put("expr", expressions.get(i));
        }
        ObjectNode file = YAML.createObjectNode();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", recordings);
        Path path = work.resolve("dashboard-rules.yaml");
        YAML.writeValue(path.toFile(), file);

        Processes.Result check = promtool("check", "rules", path.toString());
        assertThat(check.succeeded()).as(check.output()).isTrue();
    }

    private static Processes.Result promtool(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        return Processes.run(Duration.ofSeconds(60), command);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
