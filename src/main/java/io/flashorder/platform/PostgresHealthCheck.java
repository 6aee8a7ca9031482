package io.flashorder.platform;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * PostgreSQL as a readiness detail that never takes the pod out: while PostgreSQL is down, orders keep flowing into
 * Redis' stream and the writer catches up later, so a pod that lost only PostgreSQL can still take orders
 * ({@code degraded}: payments, lists and timers wait). Quarkus' own datasource check, which would report DOWN, is
 * off ({@code quarkus.datasource.health.enabled=false}). Probed in the background, read from memory by each probe.
 */
@Readiness
@ApplicationScoped
public class PostgresHealthCheck implements HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Pool pool;
    private final Clock clock;
    private volatile Boolean reachable;
    private volatile String lastError;
    private volatile Instant checkedAt;

    public PostgresHealthCheck(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(identity = "postgres-probe", every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probe() {
        return pool.query("SELECT 1").execute().ifNoItem().after(PROBE_TIMEOUT).fail()
                .invoke(ok -> record(true, null))
                .onFailure().invoke(failure -> record(false, failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Whether the last probe reached PostgreSQL (null before the first). */
    public Boolean reachable() {
        return reachable;
    }

    private void record(boolean ok, String error) {
        reachable = ok;
        lastError = error;
        checkedAt = clock.instant();
    }

    @Override
    public HealthCheckResponse call() {
        Boolean ok = reachable;
        var response = HealthCheckResponse.named("postgresql").up()
                .withData("reachable", ok == null ? "unknown" : ok.toString())
                .withData("degraded", Boolean.FALSE.equals(ok));
        if (checkedAt != null) {
            response.withData("checkedAt", checkedAt.toString());
        }
        if (lastError != null) {
            response.withData("lastError", lastError);
        }
        return response.build();
    }
}
