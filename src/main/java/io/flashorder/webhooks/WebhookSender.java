package io.flashorder.webhooks;

import io.flashorder.events.EventsConfig;
import io.flashorder.settings.WebhookTargets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed event to a merchant's webhook on the Vert.x HTTP client, so the request and its continuations
 * run on the event loop like the rest of the delivery, and no thread waits. Redirects are not followed. No circuit
 * breaker here: one merchant's broken endpoint must not stop deliveries to the others; retries and back-off are
 * per event ({@link WebhookDelivery}).
 */
@ApplicationScoped
public class WebhookSender {

    private static final int MAX_CONCURRENT = 32;

    private final HttpClient client;
    private final EventsConfig config;
    private final WebhookTargets targets;

    public WebhookSender(Vertx vertx, EventsConfig config, WebhookTargets targets) {
        this.config = config;
        this.targets = targets;
        // As many connections per endpoint as the bulkhead lets deliveries run at once.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.deliveryTimeout().toMillis())),
                new PoolOptions().setHttp1MaxSize(MAX_CONCURRENT));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    /** Emits the HTTP status the endpoint answered; fails on a connection error or time-out. */
    @Timeout(15_000)
    @Bulkhead(value = MAX_CONCURRENT, waitingTaskQueue = 1000)
    public Uni<Integer> post(String url, Map<String, String> headers, String body) {
        if (!targets.allows(url)) { // stored before the policy, or while private hosts were allowed
            return Uni.createFrom().failure(new IllegalArgumentException("Webhook host not allowed: " + url));
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setFollowRedirects(false).setIdleTimeout(config.deliveryTimeout().toMillis())
                .putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        return client.request(request)
                .chain(sending -> sending.send(body))
                // The answer's body is read to its end (and dropped) so the connection can serve the next event.
                .call(HttpClientResponse::end)
                .map(HttpClientResponse::statusCode)
                .ifNoItem().after(config.deliveryTimeout())
                .failWith(() -> new TimeoutException("No answer from " + url + " within " + config.deliveryTimeout()));
    }
}
