package io.flashorder.security;

import io.flashorder.platform.json.StorableText;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens, and remembers those it has verified until they expire. A mobile client sends the same
 * token with every request, and during a flash sale RSA verification and claim parsing would otherwise be the
 * largest cost of a refusal. Only tokens that passed full verification enter the cache, keyed by their exact text,
 * so a forged or altered token is always verified (and refused); an expired entry is dropped and verified again
 * (and refused).
 * <p>Beyond the library's checks (signature, issuer, {@code exp}), a token must say when it was issued, not in the
 * future beyond {@code flashorder.security.token-clock-skew} and not longer ago than
 * {@code flashorder.security.token-max-age} (so a token minted with a far {@code exp}, or a stolen one, does not
 * live on), and its user id must be text the order tables can store (it becomes the buyer of an order).
 * Time is the system clock, the one the library checks {@code exp} against.
 */
@Alternative
@Priority(1)
@Singleton
public class CachingJwtParser implements JWTParser {

    /** The longest user id accepted: it is stored in varchar(255) columns, some with a prefix ("buyer:<id>"). */
    static final int MAX_USER_ID_LENGTH = 200;

    /** A verified token and the second (epoch) until which it may be used. */
    private record Verified(JsonWebToken token, long usableUntilEpochSecond) {
    }

    private final DefaultJWTParser delegate;
    private final int capacity;
    private final long maxAgeSeconds;
    private final long clockSkewSeconds;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate, TokenConfig config) {
        this(delegate, config, Clock.systemUTC());
    }

    CachingJwtParser(DefaultJWTParser delegate, TokenConfig config, Clock clock) {
        this.delegate = delegate;
        this.capacity = config.verifiedTokenCacheSize();
        this.maxAgeSeconds = config.tokenMaxAge().toSeconds();
        this.clockSkewSeconds = config.tokenClockSkew().toSeconds();
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.usableUntilEpochSecond()) {
                return hit.token();
            }
            verified.remove(token, hit);
        }
        JsonWebToken parsed = new VerifiedToken(delegate.parse(token));
        long usableUntil = usableUntil(parsed, now);
        if (capacity > 0 && usableUntil > now) {
            if (verified.size() >= capacity) {
                verified.clear(); // a crude bound; the next requests simply verify again
            }
            verified.put(token, new Verified(parsed, usableUntil));
        }
        return parsed;
    }

    /** Until when (epoch second) a verified token may be used; refuses one this service does not accept at all. */
    private long usableUntil(JsonWebToken token, long now) throws ParseException {
        requireStorableUser(token);
        return Math.min(token.getExpirationTime(), issuedAt(token, now) + maxAgeSeconds);
    }

    /** The token's {@code iat}, refused when absent, in the future (beyond the skew) or too old. */
    private long issuedAt(JsonWebToken token, long now) throws ParseException {
        Object claim = token.getClaim(Claims.iat.name());
        if (!(claim instanceof Number issued)) {
            throw new ParseException("The token does not say when it was issued (iat)");
        }
        long iat = issued.longValue();
        if (iat > now + clockSkewSeconds) {
            throw new ParseException("The token is issued in the future (iat " + iat + ")");
        }
        if (now - iat > maxAgeSeconds) {
            throw new ParseException("The token is older than " + maxAgeSeconds + " s (iat " + iat + ")");
        }
        return iat;
    }

    private static void requireStorableUser(JsonWebToken token) throws ParseException {
        String user = token.getName();
        if (user == null || user.isBlank() || user.length() > MAX_USER_ID_LENGTH || !StorableText.isStorable(user)) {
            throw new ParseException("The token's user id is missing, too long or not storable text");
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        JsonWebToken parsed = delegate.parse(token, context);
        usableUntil(parsed, clock.instant().getEpochSecond());
        return parsed;
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
