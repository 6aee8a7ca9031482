package io.flashorder.risk;

import io.flashorder.platform.redis.SlotTags;

import java.util.List;
import java.util.Locale;

/**
 * Redis keys of risk control, in the slot of the reservation script that checks them atomically: {@code {p}}, or the
 * slot of the stock bucket an order is placed in. The blacklist is therefore kept in every slot
 * ({@link SlotTags#ALL}): written to all of them, the {@code {p}} copy being the one an admin reads. Users, phones and
 * addresses share one set per slot, each member prefixed by its kind, so the script checks all three with one
 * {@code SMISMEMBER}.
 */
public final class RiskKeys {

    private RiskKeys() {
    }

    public static String blacklist() {
        return blacklist(SlotTags.ALL.getFirst());
    }

    public static String blacklist(String slotTag) {
        return "risk:" + slotTag + ":blacklist";
    }

    /** The copies of the blacklist, one per slot, {@code {p}}'s first. */
    public static List<String> blacklistCopies() {
        return SlotTags.ALL.stream().map(RiskKeys::blacklist).toList();
    }

    /** An entry of the blacklist set: {@code user:<id>}, {@code phone:<fingerprint>}, {@code address:<fingerprint>}. */
    public static String blacklistMember(BlacklistKind kind, String value) {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }

    /**
     * The set a slot kept for one kind before the kinds shared a set (unprefixed members): merged into the shared set
     * by {@link BlacklistCopies} at start-up and in every recovery.
     */
    static String perKindBlacklist(String slotTag, BlacklistKind kind) {
        return blacklist(slotTag) + ":" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** Placement attempts of one buyer in the current fixed window, in the slot its orders are placed in. */
    public static String placementCounter(String slotTag, String userId, long window) {
        return "risk:" + slotTag + ":placements:" + userId + ":" + window;
    }
}
