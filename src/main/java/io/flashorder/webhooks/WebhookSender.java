package io.flashorder.webhooks;

import io.flashorder.events.EventsConfig;
import io.flashorder.settings.WebhookTargets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * POSTs one signed event to a merchant's webhook without blocking any thread (JDK HttpClient, asynchronous).
 * No circuit breaker here: one merchant's broken endpoint must not stop deliveries to the others; retries and
 * back-off are per event ({@link WebhookDelivery}).
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final EventsConfig config;
    private final WebhookTargets targets;

    public WebhookSender(EventsConfig config, WebhookTargets targets) {
        this.config = config;
        this.targets = targets;
        this.client = HttpClient.newBuilder().connectTimeout(config.deliveryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Emits the HTTP status the endpoint answered; fails on a connection error or time-out. */
    @Timeout(15_000)
    @Bulkhead(value = 32, waitingTaskQueue = 1000)
    public Uni<Integer> post(String url, Map<String, String> headers, String body) {
        if (!targets.allows(url)) { // stored before the policy, or while private hosts were allowed
            return Uni.createFrom().failure(new IllegalArgumentException("Webhook host not allowed: " + url));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.deliveryTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpRequest built = request.build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(built, HttpResponse.BodyHandlers.discarding()))
                .map(HttpResponse::statusCode);
    }
}
