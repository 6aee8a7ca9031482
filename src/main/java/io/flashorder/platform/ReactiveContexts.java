package io.flashorder.platform;

import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Starts reactive work (Hibernate Reactive sessions included) from places that have no request context: a pub/sub
 * message handler, a consumer loop, start-up. Each run gets its own safe duplicated Vert.x context, so sessions
 * never leak between runs and never hop threads.
 */
@ApplicationScoped
public class ReactiveContexts {

    private final Vertx vertx;

    public ReactiveContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public void run(String what, Supplier<Uni<?>> work) {
        // A fresh event-loop context, so runs take turns over the event loops: getOrCreateContext() gives every call
        // from one thread (start-up, a timer, another loop) the same loop, and all background work then shared one
        // loop with half of the HTTP connections while the other loop idled (JFR of the place-order benchmark).
        Context context = VertxContext.createNewDuplicatedContext(((VertxInternal) vertx).createEventLoopContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(
                done -> Log.debugf("%s done", what),
                failure -> Log.warnf("%s failed: %s", what, failure.toString())));
    }

    /**
     * Subscribes to {@code work} on a safe duplicated context, as Hibernate Reactive requires: the current one, or a
     * new one when the chain arrived on a root context. A Redis answer continues on its connection's root context,
     * so a session opened after a Redis call outside a request (a recovery, a consumer loop) would be refused.
     */
    public static <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current == null || VertxContext.isDuplicatedContext(current)
                && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(current)) {
            return Uni.createFrom().deferred(work::get);
        }
        Context safe = VertxContext.createNewDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(safe, true);
        return Uni.createFrom().deferred(work::get).runSubscriptionOn(task -> safe.runOnContext(ignored -> task.run()));
    }
}
