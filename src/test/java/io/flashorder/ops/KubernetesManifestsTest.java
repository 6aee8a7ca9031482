package io.flashorder.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flashorder.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Renders both overlays with {@code kubectl kustomize} (as {@code kubectl apply -k} would) and checks what a cluster
 * would get: the objects, the image, probes, resources, Secrets, hardening, graceful shutdown and network policies.
 */
class KubernetesManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void localOverlayRunsTheLocalImageWithItsOwnPostgresAndRedis() throws IOException {
        List<JsonNode> objects = render("k8s/overlays/local");

        assertThat(kinds(objects)).containsEntry("Deployment", 2L).containsEntry("Service", 4L)
                .containsEntry("StatefulSet", 2L).containsEntry("NetworkPolicy", 2L)
                .containsEntry("HorizontalPodAutoscaler", 1L).containsEntry("PodDisruptionBudget", 1L)
                .doesNotContainKeys("ServiceMonitor", "PrometheusRule");
        JsonNode app = container(one(objects, "Deployment", "flashorder"));
        assertThat(app.path("image").asText()).isEqualTo("localhost/flashorder:latest");
        assertApplicationPod(objects);

        JsonNode redis = one(objects, "StatefulSet", "flashorder-redis");
        JsonNode redisContainer = container(redis);
        assertThat(redisContainer.path("args").get(0).asText()).isEqualTo("/etc/redis/redis.conf");
        // A full Redis refuses writes (503s, alerted) rather than being killed at the container's limit.
        List<String> redisArgs = new ArrayList<>();
        redisContainer.path("args").forEach(arg -> redisArgs.add(arg.asText()));
        assertThat(redisArgs).contains("--maxmemory");
        String maxmemory = redisArgs.get(redisArgs.indexOf("--maxmemory") + 1);
        assertThat(maxmemory).endsWith("mb");
        assertThat(Long.parseLong(maxmemory.replace("mb", "")) * 1024 * 1024).isPositive()
                .isLessThanOrEqualTo(Math.round(0.7 * 1024 * 1024 * 1024));
        assertThat(redisContainer.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        String configMapName = redis.at("/spec/template/spec/volumes/0/configMap/name").asText();
        JsonNode redisConfig = one(objects, "ConfigMap", configMapName);
        // The very file scripts/services.sh starts the local Redis from.
        assertThat(redisConfig.path("data").path("redis.conf").asText())
                .isEqualTo(Files.readString(Path.of("k8s/overlays/local/redis.conf")))
                .contains("appendonly yes", "maxmemory-policy noeviction", "-flushall");
        JsonNode postgres = container(one(objects, "StatefulSet", "flashorder-postgres"));
        assertThat(postgres.path("image").asText()).startsWith("postgres:15");
        assertThat(secretRefs(postgres)).containsEntry("POSTGRES_PASSWORD", "flashorder-db/password");
        assertThat(one(objects, "HorizontalPodAutoscaler", "flashorder").at("/spec/minReplicas").asInt()).isEqualTo(1);

        // Buyer notices go to the mail catcher's SMTP port, which the egress policy opens to its pods only.
        JsonNode config = one(objects, "ConfigMap", app.at("/envFrom/0/configMapRef/name").asText());
        assertThat(config.at("/data/FLASHORDER_SMTP_HOST").asText()).isEqualTo("flashorder-smtp");
        JsonNode smtpService = one(objects, "Service", "flashorder-smtp");
        assertThat(smtpService.at("/spec/ports/0/port").asText()).isEqualTo(config.at("/data/FLASHORDER_SMTP_PORT").asText());
        JsonNode catcher = one(objects, "Deployment", "flashorder-smtp");
        JsonNode catcherContainer = container(catcher);
        assertThat(catcherContainer.at("/ports/0/name").asText()).isEqualTo(smtpService.at("/spec/ports/0/targetPort").asText());
        assertThat(catcherContainer.at("/image").asText()).matches("axllent/mailpit:v[0-9.]+");
        String catcherLabel = catcher.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText();
        assertThat(smtpService.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo(catcherLabel);
        JsonNode smtpEgress = one(objects, "NetworkPolicy", "flashorder-egress").at("/spec/egress/3");
        assertThat(texts(smtpEgress.at("/to/0/podSelector/matchExpressions/0/values"))).containsExactly(catcherLabel);
    }

    @Test
    void productionOverlayUsesManagedServersSecretsAndMonitoring() throws IOException {
        List<JsonNode> objects = render("k8s/overlays/production");

        assertThat(kinds(objects)).containsEntry("Deployment", 1L).containsEntry("ServiceMonitor", 1L)
                .containsEntry("PrometheusRule", 1L).containsEntry("NetworkPolicy", 2L)
                .doesNotContainKey("StatefulSet");
        JsonNode app = container(one(objects, "Deployment", "flashorder"));
        assertThat(app.path("image").asText()).isEqualTo("registry.example.com/flashorder:0.1.0");
        assertApplicationPod(objects);
        // Redis' URL holds its password: from a Secret, which wins over the ConfigMap's in-cluster default.
        assertThat(secretRefs(app)).containsEntry("FLASHORDER_REDIS_URL", "flashorder-redis/url");
        JsonNode config = one(objects, "ConfigMap", app.at("/envFrom/0/configMapRef/name").asText());
        assertThat(config.at("/data/FLASHORDER_DB_REACTIVE_URL").asText()).doesNotContain("flashorder-postgres:");
        assertThat(one(objects, "HorizontalPodAutoscaler", "flashorder").at("/spec/minReplicas").asInt()).isEqualTo(4);

        JsonNode egress = one(objects, "NetworkPolicy", "flashorder-egress").at("/spec/egress");
        assertThat(egress.at("/1/to/0/ipBlock/cidr").asText()).endsWith("/32");
        assertThat(egress.at("/2/to/0/ipBlock/cidr").asText()).endsWith("/32");
        // The company's relay, outside the cluster, with STARTTLS required.
        assertThat(egress.at("/3/to/0/ipBlock/cidr").asText()).endsWith("/32");
        assertThat(config.at("/data/FLASHORDER_SMTP_HOST").asText()).isNotBlank().isNotEqualTo("flashorder-smtp");
        assertThat(config.at("/data/FLASHORDER_SMTP_START_TLS").asText()).isEqualTo("REQUIRED");

        JsonNode monitor = one(objects, "ServiceMonitor", "flashorder");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("flashorder");
        assertThat(one(objects, "Service", "flashorder").at("/spec/ports/0/name").asText()).isEqualTo("http");

        JsonNode rules = one(objects, "PrometheusRule", "flashorder");
        assertThat(rules.at("/spec/groups").findValuesAsText("alert")).hasSize(10);
        JsonNode dashboard = one(objects, "ConfigMap", "flashorder-dashboard");
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode panels = new ObjectMapper().readTree(dashboard.at("/data/flashorder-dashboard.json").asText())
                .path("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(10);
    }

    /** What both overlays must give the application's pods. */
    private static void assertApplicationPod(List<JsonNode> objects) {
        JsonNode deployment = one(objects, "Deployment", "flashorder");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode app = container(deployment);

        assertThat(app.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(app.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(app.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(app.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(List.of(app.at("/startupProbe/httpGet/port"), app.at("/readinessProbe/httpGet/port"),
                app.at("/livenessProbe/httpGet/port"))).allMatch(port -> port.asText().equals("http"));

        assertThat(app.at("/resources/requests/cpu").asText()).isEqualTo("1");
        assertThat(app.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(app.at("/resources/limits/memory").asText()).isEqualTo("512Mi");

        assertThat(secretRefs(app)).containsEntry("FLASHORDER_DB_PASSWORD", "flashorder-db/password")
                .containsEntry("FLASHORDER_PII_KEY_RING", "flashorder-pii/key-ring")
                .containsEntry("FLASHORDER_SANDBOX_WEBHOOK_SECRET", "flashorder-payments/sandbox-webhook-secret")
                .containsEntry("FLASHORDER_SMTP_USERNAME", "flashorder-smtp/username")
                .containsEntry("FLASHORDER_SMTP_PASSWORD", "flashorder-smtp/password");
        JsonNode config = one(objects, "ConfigMap", app.at("/envFrom/0/configMapRef/name").asText());
        assertThat(config.at("/data/FLASHORDER_SMTP_PORT").asText()).isEqualTo("587");
        assertThat(config.at("/data/FLASHORDER_MAIL_FROM").asText()).contains("@");
        assertThat(volume(pod, "jwt").at("/secret/secretName").asText()).isEqualTo("flashorder-jwt");

        // Non-root, read-only root file system, a memory-backed /tmp as the only writable place.
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
        assertThat(app.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(app.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(app.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(mountPath(app, "tmp")).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").has("emptyDir")).isTrue();

        // Spread over zones and nodes.
        assertThat(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"))
                .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm"
                + "/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("flashorder");

        // Leaves the endpoints first (preStop), then Quarkus's delay and timeout, all within the grace period.
        assertThat(app.at("/lifecycle/preStop/exec/command").toString()).isEqualTo("[\"sleep\",\"5\"]");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(5 + 5 + 20 + 10);

        JsonNode ingress = one(objects, "NetworkPolicy", "flashorder-ingress").path("spec");
        assertThat(ingress.at("/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        assertThat(ingress.at("/ingress").findValuesAsText("port")).containsExactly("8080");
        JsonNode egress = one(objects, "NetworkPolicy", "flashorder-egress").at("/spec/egress");
        assertThat(ports(egress.get(0))).containsExactlyInAnyOrder("UDP/53", "TCP/53");
        assertThat(ports(egress.get(1))).containsExactly("TCP/5432");
        assertThat(ports(egress.get(2))).containsExactly("TCP/6379");
        // The SMTP relay (buyer notices), on the port the mailer is configured with.
        assertThat(ports(egress.get(3))).containsExactly("TCP/" + config.at("/data/FLASHORDER_SMTP_PORT").asText());
        // Webhooks and payment providers: public addresses only, never the metadata endpoint or private ranges.
        assertThat(egress.get(4).at("/to/0/ipBlock/cidr").asText()).isEqualTo("0.0.0.0/0");
        assertThat(texts(egress.get(4).at("/to/0/ipBlock/except")))
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8");
        assertThat(egress.size()).isEqualTo(5);

        assertThat(one(objects, "PodDisruptionBudget", "flashorder").at("/spec/minAvailable").asInt()).isEqualTo(1);
    }

    private static List<JsonNode> render(String overlay) throws IOException {
        Processes.Result rendered = Processes.run(Duration.ofSeconds(60), List.of("kubectl", "kustomize", overlay));
        assertThat(rendered.succeeded()).as("kubectl kustomize %s:%n%s", overlay, rendered.output()).isTrue();
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.createParser(rendered.output()), JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    private static Map<String, Long> kinds(List<JsonNode> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), TreeMap::new,
                Collectors.counting()));
    }

    private static JsonNode one(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    /** env name → "secret/key" for every variable taken from a Secret. */
    private static Map<String, String> secretRefs(JsonNode container) {
        Map<String, String> refs = new TreeMap<>();
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(env.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        return refs;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        return StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String mountPath(JsonNode container, String volume) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("name").asText().equals(volume)).map(m -> m.path("mountPath").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no mount of " + volume));
    }

    private static Set<String> ports(JsonNode rule) {
        return StreamSupport.stream(rule.path("ports").spliterator(), false)
                .map(p -> p.path("protocol").asText() + "/" + p.path("port").asText()).collect(Collectors.toSet());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
