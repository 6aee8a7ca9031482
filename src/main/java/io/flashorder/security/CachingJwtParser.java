package io.flashorder.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers bearer tokens it has already verified, until they expire. A mobile client sends the same token with
 * every request, and during a flash sale RSA verification and claim parsing would otherwise be the largest cost of
 * a refusal. Only tokens that passed full verification enter the cache, keyed by their exact text, so a forged or
 * altered token is always verified (and refused); an expired entry is dropped and verified again (and refused).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private record Verified(JsonWebToken token, long expiresAtEpochSecond) {
    }

    private final DefaultJWTParser delegate;
    private final int capacity;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public CachingJwtParser(DefaultJWTParser delegate,
                            @ConfigProperty(name = "flashorder.security.verified-token-cache-size",
                                    defaultValue = "100000") int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now < hit.expiresAtEpochSecond()) {
                return hit.token();
            }
            verified.remove(token, hit);
        }
        JsonWebToken parsed = new VerifiedToken(delegate.parse(token));
        if (capacity > 0 && parsed.getExpirationTime() > now) {
            if (verified.size() >= capacity) {
                verified.clear(); // a crude bound; the next requests simply verify again
            }
            verified.put(token, new Verified(parsed, parsed.getExpirationTime()));
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
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
