package io.flashorder.review;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Approves held orders whose review time ran out, so no order waits forever (every pod; guarded updates). */
@ApplicationScoped
public class ReviewTimeoutJob {

    private final ReviewService reviews;

    public ReviewTimeoutJob(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Scheduled(identity = "review-timeout", every = "${flashorder.review.timeout-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reviews.approveOverdue()
                .invoke(approved -> {
                    if (approved > 0) {
                        Log.infof("Approved %d review(s) whose time ran out", approved);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Review time-outs not applied: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
