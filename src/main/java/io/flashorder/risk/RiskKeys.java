package io.flashorder.risk;

import io.flashorder.platform.redis.SlotTags;

import java.util.List;
import java.util.Locale;

/**
 * Redis keys of risk control, in the slot of the reservation script that checks them atomically: {@code {p}}, or the
 * slot of the stock bucket an order is placed in. The blacklists are therefore kept in every slot
 * ({@link SlotTags#ALL}): written to all of them, the {@code {p}} copy being the one an admin reads.
 */
public final class RiskKeys {

    private RiskKeys() {
    }

    public static String blacklist(BlacklistKind kind) {
        return blacklist(SlotTags.ALL.getFirst(), kind);
    }

    public static String blacklist(String slotTag, BlacklistKind kind) {
        return "risk:" + slotTag + ":blacklist:" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The copies of a blacklist, one per slot, {@code {p}}'s first. */
    public static List<String> blacklistCopies(BlacklistKind kind) {
        return SlotTags.ALL.stream().map(tag -> blacklist(tag, kind)).toList();
    }

    /** Placement attempts of one buyer in the current fixed window, in the slot its orders are placed in. */
    public static String placementCounter(String slotTag, String userId, long window) {
        return "risk:" + slotTag + ":placements:" + userId + ":" + window;
    }
}
