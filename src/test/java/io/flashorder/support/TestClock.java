package io.flashorder.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every test: the system clock plus an offset a test may move, so timers fire without sleeping.
 * A test that moves it calls {@link #reset()} afterwards (the application is shared by the test classes).
 */
@ApplicationScoped
@Typed(TestClock.class) // injected as Clock only through the producer below
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC");
    }

    /** Replaces the application's default clock in tests. */
    @Singleton
    static class Producer {
        @Produces
        @Singleton
        Clock clock(TestClock testClock) {
            return testClock;
        }
    }
}
