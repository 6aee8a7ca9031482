package io.flashorder.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLoopTimeoutTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void anAnswerInTimeIsPassedOn() {
        Uni<String> answer = Uni.createFrom().item("stock reserved").onItem().delayIt().by(Duration.ofMillis(20));
        assertThat(EventLoopTimeout.within(answer, Duration.ofSeconds(2), VERTX).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo("stock reserved");
    }

    @Test
    void aFailureInTimeIsPassedOn() {
        Uni<String> failure = Uni.createFrom().failure(new IllegalStateException("NOSCRIPT"));
        assertThatThrownBy(() -> EventLoopTimeout.within(failure, Duration.ofSeconds(2), VERTX).await()
                .atMost(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("NOSCRIPT");
    }

    @Test
    void noAnswerInTimeFailsWithATimeoutAndLetsGoOfTheOperation() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Uni<String> never = Uni.createFrom().<String>nothing().onCancellation().invoke(() -> cancelled.set(true));
        // The JDK's TimeoutException as the cause: the operation's timer fired, not the test's own await limit.
        assertThatThrownBy(() -> EventLoopTimeout.within(never, Duration.ofMillis(100), VERTX).await()
                .atMost(Duration.ofSeconds(5))).hasCauseInstanceOf(TimeoutException.class);
        assertThat(cancelled).isTrue();
    }
}
