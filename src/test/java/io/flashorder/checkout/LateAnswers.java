package io.flashorder.checkout;

import io.flashorder.inventory.InventoryConfig;
import io.flashorder.inventory.Reservation;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.StockTrust;
import io.flashorder.platform.redis.CoalescedGets;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.risk.RiskConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Reservations answered after checkout stopped waiting (LateReservationAnswerTest, BucketedLateAnswersTest): one
 * profile for both, each test choosing how late with {@link #answer}, so the suite builds and starts the application
 * once for them.
 */
public final class LateAnswers {

    /** How the reservation service answers its caller. */
    public enum Mode {
        /** As the real service does. */
        IN_TIME,
        /** Every reservation runs its script, and its caller sees a timeout. */
        LATE_AFTER_THE_SCRIPT,
        /** No script runs, and the caller sees a timeout. */
        LATE_WITHOUT_THE_SCRIPT,
        /**
         * The first call of each request (buyer and Idempotency-Key) in each slot, and its first settlement, run and
         * are answered too late; a retry's calls are answered in time.
         */
        LATE_ONCE_PER_CALL
    }

    private LateAnswers() {
    }

    /** Sets how the reservations are answered from now on (tests set it before and reset it after each test). */
    public static void answer(Mode mode) {
        AnsweringLate.mode = mode;
        AnsweringLate.ANSWERED_LATE.clear();
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AnsweringLate.class);
        }
    }

    /**
     * The real reservation service, answering as the current {@link Mode} says. A singleton: a normal-scoped subclass
     * would need a no-args constructor its parent does not have.
     */
    @Alternative
    @Singleton
    public static class AnsweringLate extends ReservationService {

        static volatile Mode mode = Mode.IN_TIME;
        static final Set<String> ANSWERED_LATE = ConcurrentHashMap.newKeySet();

        public AnsweringLate(RedisScripts scripts, SoldOutCache soldOut, RiskConfig risk, MeterRegistry meters,
                             Clock clock, InventoryConfig inventory, Vertx vertx, StockTrust trust,
                             CoalescedGets gets) {
            super(scripts, soldOut, risk, meters, clock, inventory, vertx, trust, gets);
        }

        @Override
        public Uni<ReservationOutcome> reserve(Reservation reservation) {
            return switch (mode) {
                case IN_TIME -> super.reserve(reservation);
                case LATE_AFTER_THE_SCRIPT -> super.reserve(reservation).onItem()
                        .failWith(() -> new TimeoutException("answered too late"));
                case LATE_WITHOUT_THE_SCRIPT -> Uni.createFrom().<ReservationOutcome>item(
                        new ReservationOutcome.KeyReused()).onItem()
                        .failWith(() -> new TimeoutException("answered too late"));
                case LATE_ONCE_PER_CALL -> lateTheFirstTime("reserve " + reservation.slot() + " "
                        + requestOf(reservation), super.reserve(reservation));
            };
        }

        @Override
        public Uni<String> settleFallback(Reservation home, UUID orderId, boolean held) {
            Uni<String> settled = super.settleFallback(home, orderId, held);
            return mode == Mode.LATE_ONCE_PER_CALL ? lateTheFirstTime("settle " + requestOf(home), settled) : settled;
        }

        private static String requestOf(Reservation reservation) {
            return reservation.userId() + " " + reservation.idempotencyKeyDigest();
        }

        private static <T> Uni<T> lateTheFirstTime(String call, Uni<T> run) {
            return run.onItem().transformToUni(answer -> ANSWERED_LATE.add(call)
                    ? Uni.createFrom().<T>failure(new TimeoutException("answered too late: " + call))
                    : Uni.createFrom().item(answer));
        }
    }
}
