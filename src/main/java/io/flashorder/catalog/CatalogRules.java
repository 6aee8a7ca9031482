package io.flashorder.catalog;

import io.flashorder.platform.error.ApiException;

import java.util.UUID;

/** Ownership rules shared by the catalog services. */
final class CatalogRules {

    private CatalogRules() {
    }

    /**
     * The merchant a new record belongs to: a merchant creates for itself (naming another merchant is refused),
     * an admin must name one.
     */
    static UUID owner(CatalogScope scope, UUID requested) {
        if (scope.merchantId().isPresent()) {
            UUID own = scope.merchantId().get();
            if (requested != null && !requested.equals(own)) {
                throw ApiException.forbidden("other-merchant", "A merchant may only manage its own catalog");
            }
            return own;
        }
        if (requested == null) {
            throw ApiException.invalidField("merchantId", "must not be null");
        }
        return requested;
    }

    /** A record never moves to another merchant. */
    static void sameOwner(UUID current, UUID requested) {
        if (requested != null && !requested.equals(current)) {
            throw ApiException.invalidField("merchantId", "cannot be changed");
        }
    }
}
