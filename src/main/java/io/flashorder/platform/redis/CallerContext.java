package io.flashorder.platform.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Emits a Redis answer on the event-loop context that asked for it. An answer arrives on its connection's context,
 * and the pool's connections mostly live on the loop that opened them: without this, the rest of a request after a
 * Redis call (a placement's outcome, its JSON answer) ran on that loop whatever loop the request came in on.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** {@code answer}, emitted on the subscriber's event-loop context; off an event loop, where it arrives. */
    public static <T> Uni<T> emitOnCaller(Uni<T> answer) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            if (caller == null || !Context.isOnEventLoopThread()) {
                return answer;
            }
            return answer.emitOn(task -> {
                if (Vertx.currentContext() == caller) {
                    task.run();
                } else {
                    caller.runOnContext(ignored -> task.run());
                }
            });
        });
    }
}
