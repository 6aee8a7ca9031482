package io.flashorder.order;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness detail of the order writer. A backlog alone never makes the pod unready (PostgreSQL being down is
 * what the stream absorbs); only a dead or stuck writer loop does.
 */
@Readiness
@ApplicationScoped
public class OrderWriterHealthCheck implements HealthCheck {

    private final OrderWriter writer;
    private final OrderStreamBacklog backlog;

    public OrderWriterHealthCheck(OrderWriter writer, OrderStreamBacklog backlog) {
        this.writer = writer;
        this.backlog = backlog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("order-writer")
                .status(!writer.enabled() || writer.alive())
                .withData("enabled", writer.enabled())
                .withData("consumer", writer.consumer())
                .withData("backlog", backlog.current())
                .withData("lastWriteAt", writer.lastWriteAt().map(Object::toString).orElse("never"))
                .build();
    }
}
