package io.flashorder.platform;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fails a {@link Uni} that has not answered in time, using a timer of the calling event loop: scheduling and
 * cancelling it costs no thread wake-up, which matters on the few paths called thousands of times a second.
 */
public final class EventLoopTimeout {

    private EventLoopTimeout() {
    }

    public static <T> Uni<T> within(Uni<T> operation, Duration timeout, Vertx vertx) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), ignored -> {
                // Let go of the operation before the caller hears of the timeout, so it never sees one still running.
                cancel(upstream);
                emitter.fail(new TimeoutException("No answer within " + timeout));
            });
            upstream.set(operation.subscribe().with(emitter::complete, emitter::fail));
            emitter.onTermination(() -> { // answered, failed, timed out or no longer wanted
                vertx.cancelTimer(timer);
                cancel(upstream);
            });
        });
    }

    private static void cancel(AtomicReference<Cancellable> upstream) {
        Cancellable running = upstream.get();
        if (running != null) {
            running.cancel();
        }
    }
}
