package io.flashorder.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.context.impl.ThreadContextProviderPlan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Mutiny callback carries along: CDI's request context, not the JTA transaction context nothing here uses
 * (mp.context.ThreadContext.unchanged in application.properties).
 */
@QuarkusTest
class ContextPropagationTest {

    @Test
    void callbacksPropagateTheRequestContextAndLeaveTransactionsAlone() {
        ThreadContextProviderPlan plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();
        assertThat(types(plan.propagatedProviders)).contains("CDI").doesNotContain("Transaction");
        assertThat(types(plan.clearedProviders)).doesNotContain("Transaction");
        assertThat(types(plan.unchangedProviders)).contains("Transaction");
    }

    /**
     * A chain built under {@link NoContextPropagation} sees the request context where it was subscribed (the REST
     * layer's), but its callbacks after an asynchronous step run without it; the same chain built plainly gets it
     * restored around them.
     */
    @Test
    void aChainWithoutPropagationSeesTheRequestOnlyUntilItsFirstAsynchronousStep() {
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        ManagedContext request = Arc.container().requestContext();
        boolean activatedHere = !request.isActive();
        if (activatedHere) {
            request.activate();
        }
        try {
            List<Boolean> plain = new CopyOnWriteArrayList<>();
            List<Boolean> unpropagated = new CopyOnWriteArrayList<>();
            chain(plain, elsewhere).await().atMost(Duration.ofSeconds(5));
            NoContextPropagation.of(() -> chain(unpropagated, elsewhere)).await().atMost(Duration.ofSeconds(5));
            assertThat(plain).containsExactly(true, true);
            assertThat(unpropagated).containsExactly(true, false);
        } finally {
            if (activatedHere) {
                request.terminate();
            }
            elsewhere.shutdown();
        }
    }

    /** Records whether the request context is active when the chain is built, and after a hop to another thread. */
    private static Uni<Void> chain(List<Boolean> active, ExecutorService elsewhere) {
        return Uni.createFrom().deferred(() -> {
                    active.add(Arc.container().requestContext().isActive());
                    return Uni.createFrom().item(1);
                })
                .emitOn(elsewhere)
                .invoke(() -> active.add(Arc.container().requestContext().isActive()))
                .replaceWithVoid();
    }

    private static Set<String> types(Set<ThreadContextProvider> providers) {
        return providers.stream().map(ThreadContextProvider::getThreadContextType).collect(Collectors.toSet());
    }
}
