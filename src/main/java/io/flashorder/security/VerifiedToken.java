package io.flashorder.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verified token that remembers the claims it was asked for. The library's token looks a custom claim (such as
 * {@code tier}) up by trying its name as a standard claim first, which throws and catches an exception on every
 * read; a cached token is read on every request of its holder. The claims of a verified token never change.
 */
final class VerifiedToken implements JsonWebToken {

    private final JsonWebToken verified;
    private final String name;
    private final Map<String, Optional<Object>> claimsRead = new ConcurrentHashMap<>();

    VerifiedToken(JsonWebToken verified) {
        this.verified = verified;
        this.name = verified.getName();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return verified.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claimsRead.computeIfAbsent(claimName, claim -> Optional.ofNullable(verified.getClaim(claim)))
                .orElse(null);
    }

    @Override
    public String toString() {
        return verified.toString();
    }
}
