package io.flashorder.security;

import io.flashorder.support.Tokens;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class CachingJwtParserTest {

    @Inject
    JWTParser parser;
    @Inject
    JWTAuthContextInfo context;

    @Test
    void aVerifiedTokenIsReusedAndATamperedOneIsStillRefused() throws ParseException {
        assertThat(parser).isInstanceOf(CachingJwtParser.class);
        String token = Tokens.customer("cache-" + System.nanoTime());
        var first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(first.getName()).startsWith("cache-");

        // Same header and payload, another signature: not the cached text, so verified, and refused.
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
    }

    @Test
    void aCachedTokenAnswersEveryClaimAsTheVerifiedOneDoes() throws ParseException {
        String token = Tokens.customer("claims-" + System.nanoTime(), "GOLD");
        var original = parser.parse(token, context); // the uncached path: the library's own token
        assertThat(original).isNotInstanceOf(VerifiedToken.class);
        var cached = new VerifiedToken(original);
        assertThat(parser.parse(token)).isInstanceOf(VerifiedToken.class);

        assertThat(cached.getClaimNames()).containsExactlyInAnyOrderElementsOf(original.getClaimNames());
        for (String claim : original.getClaimNames()) {
            assertThat((Object) cached.getClaim(claim)).as(claim).isEqualTo(original.getClaim(claim));
        }
        assertThat(cached.getName()).isEqualTo(original.getName());
        assertThat(cached.getGroups()).containsExactly("customer");
        assertThat(cached.<String>getClaim("tier")).isEqualTo("GOLD");
        assertThat(cached.<Object>getClaim("merchant_id")).isNull();
        assertThat(cached.getRawToken()).isEqualTo(token);
        assertThat(cached.getExpirationTime()).isEqualTo(original.getExpirationTime());
    }
}
