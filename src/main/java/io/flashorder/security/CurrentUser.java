package io.flashorder.security;

import io.flashorder.platform.error.ApiException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/** Who is calling, read from the verified bearer token. */
@RequestScoped
public class CurrentUser {

    /** Names the merchant a {@code merchant} token acts for; it may touch that merchant's data only. */
    public static final String MERCHANT_ID_CLAIM = "merchant_id";
    /** The customer's membership tier, used by pricing. */
    public static final String TIER_CLAIM = "tier";
    /** The customer's language (e.g. zh-CN, en), used for its notices. */
    public static final String LOCALE_CLAIM = "locale";

    private final JsonWebToken token;

    public CurrentUser(JsonWebToken token) {
        this.token = token;
    }

    public String userId() {
        return token.getName();
    }

    public Optional<String> tier() {
        return Optional.ofNullable(token.<String>getClaim(TIER_CLAIM));
    }

    public Optional<String> locale() {
        return Optional.ofNullable(token.<Object>getClaim(LOCALE_CLAIM)).map(claim -> claim.toString().replace("\"", ""));
    }

    /** The merchant a merchant token acts for; a token without a valid one may not use the merchant API. */
    public UUID merchantId() {
        Object claim = token.getClaim(MERCHANT_ID_CLAIM);
        if (claim == null) {
            throw ApiException.forbidden("no-merchant-scope", "The token names no merchant");
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("no-merchant-scope", "The token's merchant id is not valid");
        }
    }
}
