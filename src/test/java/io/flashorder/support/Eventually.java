package io.flashorder.support;

import java.time.Duration;

/** Waits for an asynchronous effect: re-runs the assertion until it passes or the deadline is reached. */
public final class Eventually {

    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    /** Like {@link #await}, for an assertion that yields a value (e.g. the id of what it finally created). */
    public static <T> T awaitValue(Duration deadline, java.util.function.Supplier<T> assertion) {
        java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
        await(deadline, () -> value.set(assertion.get()));
        return value.get();
    }

    public static void await(Duration deadline, Runnable assertion) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException notYet) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("Still failing after " + deadline + ": " + notYet.getMessage(), notYet);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS); // between polls only; the assertion itself decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
        }
    }
}
