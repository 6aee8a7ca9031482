package io.flashorder.pricing.rules;

import io.flashorder.platform.error.ApiException;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose pricing rules a caller may see and change: an admin every merchant's (and the platform's), a merchant only
 * its own. Another merchant's rule looks exactly like an unknown one (404).
 */
public record RuleScope(Optional<UUID> merchantId) {

    public static RuleScope admin() {
        return new RuleScope(Optional.empty());
    }

    public static RuleScope merchant(UUID merchantId) {
        return new RuleScope(Optional.of(merchantId));
    }

    /** @param ownerMerchantId null for a platform rule, which only an admin may touch */
    public boolean allows(UUID ownerMerchantId) {
        return merchantId.map(own -> own.equals(ownerMerchantId)).orElse(true);
    }

    /**
     * The merchant a new merchant rule belongs to: a merchant creates for itself (naming another is refused with
     * 403), an admin must name one.
     */
    public UUID ownerOf(UUID requested) {
        if (merchantId.isPresent()) {
            return own(requested);
        }
        if (requested == null) {
            throw ApiException.invalidField("merchantId", "must not be null");
        }
        return requested;
    }

    /** Like {@link #ownerOf} for rules an admin may also create platform-wide: null from an admin means platform. */
    public UUID ownerOrPlatform(UUID requested) {
        return merchantId.isPresent() ? own(requested) : requested;
    }

    /** A rule never moves to another merchant (or between merchant and platform). */
    static void sameOwner(UUID current, UUID requested, boolean platformAllowed) {
        boolean changed = platformAllowed ? !java.util.Objects.equals(current, requested)
                : requested != null && !requested.equals(current);
        if (changed) {
            throw ApiException.invalidField("merchantId", "cannot be changed");
        }
    }

    private UUID own(UUID requested) {
        UUID own = merchantId.orElseThrow();
        if (requested != null && !requested.equals(own)) {
            throw ApiException.forbidden("other-merchant", "A merchant may only manage its own pricing rules");
        }
        return own;
    }
}
