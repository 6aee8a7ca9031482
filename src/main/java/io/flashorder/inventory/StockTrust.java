package io.flashorder.inventory;

import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Whether this pod trusts the stock in Redis enough to take orders, checked in memory on every placement (no Redis
 * call). A pod starts {@link State#UNVERIFIED}; it becomes {@link State#TRUSTED} once Redis was verified not to
 * have lost writes PostgreSQL depends on, or was rebuilt from PostgreSQL ({@link State#RECOVERING}). Anything that
 * suggests Redis came back with less (it forgot the reservation script, or refused a reservation because its stock
 * epoch is gone or a recovery holds the fence) makes the pod distrust it again and ask for a verification
 * ({@link StockDistrusted}); until then placements answer 503 with Retry-After.
 */
@Singleton
public class StockTrust {

    public enum State { UNVERIFIED, RECOVERING, TRUSTED }

    /** Asks for a verification of Redis against PostgreSQL (observed by the recovery). */
    public record StockDistrusted(String reason) {
    }

    private final Event<StockDistrusted> distrusted;
    private final Clock clock;
    private volatile State state = State.UNVERIFIED;
    private volatile String reason = "not verified since start-up";
    private volatile Instant since;

    public StockTrust(Event<StockDistrusted> distrusted, Clock clock) {
        this.distrusted = distrusted;
        this.clock = clock;
        this.since = clock.instant();
    }

    public boolean acceptsPlacements() {
        return state == State.TRUSTED;
    }

    public State state() {
        return state;
    }

    /** Why the stock is not trusted (or what made it trusted last). */
    public String reason() {
        return reason;
    }

    public Instant since() {
        return since;
    }

    /** Stops placements and asks for a verification, once per loss of trust. */
    public void distrust(String why) {
        boolean wasTrusted;
        synchronized (this) {
            wasTrusted = state == State.TRUSTED;
            if (wasTrusted) {
                move(State.UNVERIFIED, why);
            }
        }
        if (wasTrusted) {
            Log.warnf("Stock in Redis no longer trusted: %s; placements answer 503 until it is verified", why);
            distrusted.fire(new StockDistrusted(why));
        }
    }

    public synchronized void recovering(String why) {
        move(State.RECOVERING, why);
    }

    public synchronized void unverified(String why) {
        move(State.UNVERIFIED, why);
    }

    public synchronized void trusted(String why) {
        move(State.TRUSTED, why);
    }

    private void move(State next, String why) {
        if (state != next) {
            since = clock.instant();
        }
        state = next;
        reason = why;
    }
}
