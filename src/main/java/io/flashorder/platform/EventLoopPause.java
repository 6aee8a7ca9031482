package io.flashorder.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * Waits without blocking a thread: a Vert.x timer, so the chain resumes on its own context (Hibernate Reactive
 * sessions must not change thread), and the timer is cancelled when the wait is no longer wanted.
 */
public final class EventLoopPause {

    private EventLoopPause() {
    }

    public static Uni<Void> of(Duration duration, Vertx vertx) {
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(Math.max(1, duration.toMillis()), id -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }
}
