package io.flashorder.catalog.stockload;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock recovery reads the load ledger after its Redis reads, whose answers continue on the connection's root
 * context; Hibernate Reactive refuses a session there ("not a duplicated context"), which failed the recovery and
 * left placements refused until a retry happened to run elsewhere.
 */
@QuarkusTest
class StockLoadLedgerContextTest {

    @Inject
    StockLoadService stockLoads;
    @Inject
    Vertx vertx;

    @Test
    void ledgerIsReadFromARootContext() throws Exception {
        Context root = vertx.getOrCreateContext();
        assertThat(VertxContext.isDuplicatedContext(root)).isFalse();
        CompletableFuture<StockLoadLedger> read = new CompletableFuture<>();
        root.runOnContext(ignored -> stockLoads.ledger().subscribe().with(read::complete, read::completeExceptionally));

        assertThat(read.get(30, TimeUnit.SECONDS)).isNotNull();
    }
}
