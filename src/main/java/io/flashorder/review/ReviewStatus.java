package io.flashorder.review;

/** Where a held order's review stands. */
public enum ReviewStatus {
    UNDER_REVIEW,
    APPROVED,
    REJECTED
}
