package io.flashorder.support;

import java.time.Duration;

/** Waits for an asynchronous effect: re-runs the assertion until it passes or the deadline is reached. */
public final class Eventually {

    /**
     * Polls soon at first (most effects land within a few milliseconds: a 100 ms poll made each wait 50 ms too long
     * on average, over hundreds of waits), then less and less often, up to every 100 ms for the slow ones.
     */
    private static final long FIRST_POLL_MILLIS = 5;
    private static final long MAX_POLL_MILLIS = 100;

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
        long poll = FIRST_POLL_MILLIS;
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
                Thread.sleep(poll); // between polls only; the assertion itself decides
                poll = Math.min(MAX_POLL_MILLIS, poll * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
        }
    }
}
