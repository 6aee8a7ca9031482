package io.flashorder.aftersale;

/** Why the buyer opens a case (a fixed list, so merchants and analytics can count them). */
public enum ReasonCode {
    NOT_AS_DESCRIBED,
    DAMAGED,
    WRONG_ITEM,
    SIZE_OR_FIT,
    QUALITY_ISSUE,
    MISSING_PARTS,
    NO_LONGER_WANTED,
    NOT_RECEIVED,
    OTHER
}
