package io.flashorder.pricing.coupon;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes to Redis the claimed coupons whose mirror failed; runs on every pod (the script is idempotent), every
 * {@code flashorder.coupons.mirror-replay-every} ({@link CouponConfig}).
 */
@ApplicationScoped
public class CouponMirrorReplayJob {

    private final CouponService coupons;

    public CouponMirrorReplayJob(CouponService coupons) {
        this.coupons = coupons;
    }

    @Scheduled(every = "${flashorder.coupons.mirror-replay-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> replay() {
        return coupons.replayUnmirrored()
                .invoke(mirrored -> {
                    if (mirrored > 0) {
                        Log.infof("Mirrored %d claimed coupon(s) into Redis", mirrored);
                    }
                })
                .replaceWithVoid();
    }
}
