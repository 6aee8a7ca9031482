package io.flashorder.platform;

import io.smallrye.context.CleanAutoCloseable;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.function.Supplier;

/**
 * Mutiny chains whose callbacks are left as they are instead of each capturing and restoring CDI's request context
 * (SmallRye Context Propagation decorates every callback with the thread context current when the operator is
 * built). For a hot chain that reads no request-scoped bean after its first asynchronous step: what it reads of the
 * request (the caller, its token) it reads synchronously, while the REST layer still has the request context
 * active, and Quarkus REST activates that context itself again when the chain's result comes back. A request-scoped
 * bean read in a later callback would fail loudly (no active request context), never read another request's.
 */
public final class NoContextPropagation {

    private static final SmallRyeThreadContext NONE = SmallRyeThreadContext.builder().propagated().cleared()
            .unchanged(ThreadContext.ALL_REMAINING).build();

    private NoContextPropagation() {
    }

    /** While open, the Mutiny operators built on this thread propagate nothing. */
    public static CleanAutoCloseable enter() {
        return SmallRyeThreadContext.withThreadContext(NONE);
    }

    /**
     * The chain {@code work} builds, built and subscribed to under {@link #enter()}: everything it assembles up to its
     * first asynchronous step (in a Redis call, the whole request side) propagates nothing.
     */
    public static <T> Uni<T> of(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            try (CleanAutoCloseable ignored = enter()) {
                Cancellable subscription = work.get().subscribe().with(emitter::complete, emitter::fail);
                emitter.onTermination(subscription::cancel);
            } catch (RuntimeException failure) {
                emitter.fail(failure);
            }
        });
    }
}
