package io.flashorder.support;

import java.time.Duration;

/** Waits for an asynchronous effect: retries the assertion until it passes or the deadline is reached. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
