package io.flashorder.logistics.returns;

import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.platform.sql.Transactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finishes returns to sender the process did not finish: parcels RETURNED more than the grace period ago whose
 * cases are not all named on them (the process died, or failed, between the claim and the last case). Each pod
 * leases a batch (SKIP LOCKED, then a lease time so no other pod takes the same parcel meanwhile) and opens the
 * missing cases with the ids planned at the claim: after-sales answers a case that exists already as it is, so a
 * case is never opened, nor a refund started, twice.
 */
@ApplicationScoped
public class ReturnRecovery {

    private final Pool pool;
    private final ReturnRepository returns;
    private final ReturnService service;
    private final LogisticsConfig config;
    private final Clock clock;

    public ReturnRecovery(Pool pool, ReturnRepository returns, ReturnService service, LogisticsConfig config,
                          Clock clock) {
        this.pool = pool;
        this.returns = returns;
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    /** One batch; emits how many parcels were finished. */
    public Uni<Integer> finishUnfinished() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LogisticsConfig.ReturnRecovery settings = config.returnRecovery();
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                        tx -> returns.leaseUnfinished(tx, now.minus(settings.grace()), now, settings.maxAttempts(),
                                settings.batchSize(), now.plus(settings.lease())))
                .chain(parcels -> Multi.createFrom().iterable(parcels)
                        .onItem().transformToUniAndConcatenate(this::finish)
                        .collect().asList()
                        .map(finished -> (int) finished.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> finish(UUID parcelId) {
        return pool.withConnection(connection -> returns.plan(connection, parcelId))
                .chain(plan -> plan.isEmpty()
                        ? Uni.createFrom().failure(new IllegalStateException("no planned case (claimed before V34)"))
                        : service.openCases(parcelId, plan, new AtomicInteger()))
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> service.recordProblem(parcelId, failure).replaceWith(false));
    }
}
