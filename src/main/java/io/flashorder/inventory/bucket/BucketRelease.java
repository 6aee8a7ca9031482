package io.flashorder.inventory.bucket;

/**
 * What releasing a bucket hold did. {@code origin} is the bucket the units were taken from (null when unknown).
 */
public record BucketRelease(Status status, Integer origin) {

    public enum Status {
        /** Units back where they came from, the buyer's counted units back in its home bucket. */
        RELEASED,
        /** Released before (the units were sent back to their bucket again, which is a no-op if they were). */
        ALREADY,
        /** No hold: nothing moved (a missing hold is never trusted). */
        MISSING,
        /** The order's fallback is not settled yet: nothing moved, release it again later. */
        PENDING,
        /** A counter could not cover the order: nothing moved; the reconciliation has to look at it. */
        SHORT
    }
}
