package io.flashorder.risk;

/** What a blacklist entry matches: a buyer's user id, a phone number, or a delivery address. */
public enum BlacklistKind {
    USER,
    PHONE,
    ADDRESS
}
