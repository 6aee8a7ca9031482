package io.flashorder.platform;

import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Whose data a caller may see and change (catalog, pricing rules): an admin every merchant's (and the platform's),
 * a merchant only its own. Another merchant's record looks exactly like an unknown one (404).
 */
public record MerchantScope(Optional<UUID> merchantId) {

    public static MerchantScope admin() {
        return new MerchantScope(Optional.empty());
    }

    public static MerchantScope merchant(UUID merchantId) {
        return new MerchantScope(Optional.of(merchantId));
    }

    /** @param ownerMerchantId null for a platform rule, which only an admin may touch */
    public boolean allows(UUID ownerMerchantId) {
        return merchantId.map(own -> own.equals(ownerMerchantId)).orElse(true);
    }

    /** The record found if this scope may see it; otherwise the same 404 as for an unknown id, revealing nothing. */
    public <T> Uni<T> visible(Uni<T> found, Function<T, UUID> owner, String kind, UUID id) {
        return found.map(record -> record != null && allows(owner.apply(record)) ? record : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound(kind, id));
    }

    /**
     * The merchant a new merchant record belongs to: a merchant creates for itself (naming another is refused with
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

    /** Like {@link #ownerOf} for records an admin may also create platform-wide: null from an admin means platform. */
    public UUID ownerOrPlatform(UUID requested) {
        return merchantId.isPresent() ? own(requested) : requested;
    }

    /** A record never moves to another merchant (or between merchant and platform). */
    public static void sameOwner(UUID current, UUID requested, boolean platformAllowed) {
        boolean changed = platformAllowed ? !java.util.Objects.equals(current, requested)
                : requested != null && !requested.equals(current);
        if (changed) {
            throw ApiException.invalidField("merchantId", "cannot be changed");
        }
    }

    private UUID own(UUID requested) {
        UUID own = merchantId.orElseThrow();
        if (requested != null && !requested.equals(own)) {
            throw ApiException.forbidden("other-merchant", "A merchant may only manage its own data");
        }
        return own;
    }
}
