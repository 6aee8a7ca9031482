package io.flashorder.risk;

/** Redis keys of risk control, in the {@code {p}} partition so the reservation script can check them atomically. */
public final class RiskKeys {

    private RiskKeys() {
    }

    public static String blacklist(BlacklistKind kind) {
        return "risk:{p}:blacklist:" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Placement attempts of one buyer in the current fixed window. */
    public static String placementCounter(String userId, long window) {
        return "risk:{p}:placements:" + userId + ":" + window;
    }
}
