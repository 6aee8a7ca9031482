package io.flashorder.feedback;

/** The tags a buyer may add to its rating: a bounded set, so they can be counted per merchant. */
public enum FeedbackTag {
    AS_DESCRIBED,
    GOOD_QUALITY,
    GOOD_VALUE,
    FAST_DELIVERY,
    CAREFUL_PACKAGING,
    FRIENDLY_SERVICE,
    NOT_AS_DESCRIBED,
    POOR_QUALITY,
    SLOW_DELIVERY,
    DAMAGED_PACKAGING,
    UNRESPONSIVE_SERVICE
}
