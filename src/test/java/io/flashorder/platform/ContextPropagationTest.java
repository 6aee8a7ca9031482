package io.flashorder.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.context.impl.ThreadContextProviderPlan;
import java.util.Set;
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

    private static Set<String> types(Set<ThreadContextProvider> providers) {
        return providers.stream().map(ThreadContextProvider::getThreadContextType).collect(Collectors.toSet());
    }
}
