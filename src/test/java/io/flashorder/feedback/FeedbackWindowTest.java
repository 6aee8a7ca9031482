package io.flashorder.feedback;

import io.flashorder.platform.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackWindowTest {

    private static final Instant COMPLETED = Instant.parse("2026-03-01T10:00:00Z");
    private final FeedbackWindow window = new FeedbackWindow(Duration.ofDays(30));

    @Test
    void openFromCompletionUntilJustBeforeTheEnd() {
        assertThatCode(() -> window.check(COMPLETED, COMPLETED)).doesNotThrowAnyException();
        assertThatCode(() -> window.check(COMPLETED, COMPLETED.plus(Duration.ofDays(30)).minusNanos(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void closedAtTheEndExactly() {
        assertThatThrownBy(() -> window.check(COMPLETED, COMPLETED.plus(Duration.ofDays(30))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().code()).isEqualTo("feedback-window-closed");
                });
    }

    @Test
    void notOpenBeforeCompletion() {
        assertThatThrownBy(() -> window.check(null, COMPLETED))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.problem().code()).isEqualTo("feedback-not-open"));
    }
}
