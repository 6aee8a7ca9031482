package io.flashorder.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What a bearer token must satisfy beyond its signature, issuer and expiry (see {@link CachingJwtParser}). */
@ConfigMapping(prefix = "flashorder.security")
public interface TokenConfig {

    /** Tokens older than this (by their {@code iat}) are refused, whatever their {@code exp} says. */
    @WithDefault("24H")
    Duration tokenMaxAge();

    /** How far in the future a token's {@code iat} may be (the issuer's clock may run a little ahead of ours). */
    @WithDefault("60S")
    Duration tokenClockSkew();

    /** Verified tokens remembered, so a client's repeated token is not verified again on every request. */
    @WithDefault("100000")
    int verifiedTokenCacheSize();
}
