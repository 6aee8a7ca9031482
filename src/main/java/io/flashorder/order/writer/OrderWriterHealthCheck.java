package io.flashorder.order.writer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness detail of the order writer: DOWN when the writer loop is dead or stuck, or when the backlog (orders in
 * the stream PostgreSQL does not have yet) is above {@code flashorder.order-writer.backlog-limit}. A backlog below
 * it never makes the pod unready: absorbing a PostgreSQL outage is what the stream is for. Reads only values kept
 * in memory (the backlog is polled every few seconds), as probes come often.
 */
@Readiness
@ApplicationScoped
public class OrderWriterHealthCheck implements HealthCheck {

    private final OrderWriter writer;
    private final OrderStreamBacklog backlog;
    private final OrderWriterConfig config;

    public OrderWriterHealthCheck(OrderWriter writer, OrderStreamBacklog backlog, OrderWriterConfig config) {
        this.writer = writer;
        this.backlog = backlog;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long waiting = backlog.current();
        boolean loopOk = !writer.enabled() || writer.alive();
        boolean backlogOk = waiting <= config.backlogLimit();
        return HealthCheckResponse.named("order-writer")
                .status(loopOk && backlogOk)
                .withData("enabled", writer.enabled())
                .withData("consumer", writer.consumer())
                .withData("backlog", waiting)
                .withData("backlogLimit", config.backlogLimit())
                .withData("lastWriteAt", writer.lastWriteAt().map(Object::toString).orElse("never"))
                .build();
    }
}
