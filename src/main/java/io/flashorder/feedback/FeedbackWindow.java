package io.flashorder.feedback;

import io.flashorder.platform.error.ApiException;

import java.time.Duration;
import java.time.Instant;

/** When a buyer may rate a merchant order: once it has completed, until {@code length} later (exclusive). */
public record FeedbackWindow(Duration length) {

    /** Refuses (409) a rating before completion or from the end of the window on. */
    public void check(Instant completedAt, Instant now) {
        if (completedAt == null) {
            throw ApiException.conflict("feedback-not-open", "A merchant order can be rated once it has completed");
        }
        Instant closesAt = completedAt.plus(length);
        if (!now.isBefore(closesAt)) {
            throw ApiException.conflict("feedback-window-closed",
                    "Ratings for this merchant order closed at " + closesAt, java.util.Map.of("closedAt", closesAt));
        }
    }
}
