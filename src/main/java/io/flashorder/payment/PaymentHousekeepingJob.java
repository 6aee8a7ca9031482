package io.flashorder.payment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;

/** Forgets remembered callback signatures once their timestamps are too old to pass the staleness check anyway. */
@ApplicationScoped
public class PaymentHousekeepingJob {

    private final PaymentRepository payments;
    private final PaymentsConfig config;
    private final Pool pool;
    private final Clock clock;

    public PaymentHousekeepingJob(PaymentRepository payments, PaymentsConfig config, Pool pool, Clock clock) {
        this.payments = payments;
        this.config = config;
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(identity = "payment-signature-purge", every = "10m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        // Kept twice the window a signature can be valid in, so clock moves never reopen a replay.
        Duration keep = config.signatureTolerance().plus(config.futureSkew()).multipliedBy(2);
        return payments.forgetSignaturesBefore(pool, clock.instant().minus(keep)).replaceWithVoid();
    }
}
