package io.flashorder.security;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** A token must say when it was issued: not in the future (beyond a small skew), not longer ago than the max age. */
@QuarkusTest
class TokenAgeTest {

    @Inject
    DefaultJWTParser library;
    @Inject
    TokenConfig config;

    private static String customerToken(String user, Instant issuedAt, Instant expiresAt) {
        return Jwt.upn(user).groups(Set.of("customer")).issuedAt(issuedAt).expiresAt(expiresAt).sign();
    }

    private static void answers(String token, int status) {
        var response = given().header("Authorization", "Bearer " + token).get("/api/v1/orders").then()
                .statusCode(status);
        if (status == 401) {
            response.contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        }
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Instant now = Instant.now();
        answers(customerToken("future-" + System.nanoTime(), now.plus(Duration.ofDays(365)),
                now.plus(Duration.ofDays(366))), 401);
        answers(customerToken("soon-" + System.nanoTime(), now.plus(Duration.ofMinutes(10)),
                now.plus(Duration.ofHours(1))), 401);
        // Within the clock skew (60 s): the issuer's clock may run a little ahead.
        answers(customerToken("skewed-" + System.nanoTime(), now.plusSeconds(30), now.plus(Duration.ofHours(1))), 200);
    }

    @Test
    void aTokenOlderThanTheMaxAgeIsRefusedWhateverItsExpiry() {
        Instant now = Instant.now();
        answers(customerToken("old-" + System.nanoTime(), now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1))),
                401);
        answers(customerToken("ancient-" + System.nanoTime(), now.minus(Duration.ofDays(400)),
                now.plus(Duration.ofDays(400))), 401);
        answers(customerToken("day-old-" + System.nanoTime(), now.minus(Duration.ofHours(23)),
                now.plus(Duration.ofHours(1))), 200);
    }

    @Test
    void aUserIdTheOrderTablesCannotStoreIsRefused() {
        Instant now = Instant.now();
        answers(customerToken("nul\u0000user", now, now.plusSeconds(300)), 401);
        answers(customerToken("x".repeat(CachingJwtParser.MAX_USER_ID_LENGTH + 1), now, now.plusSeconds(300)), 401);
        answers(customerToken("x".repeat(CachingJwtParser.MAX_USER_ID_LENGTH), now, now.plusSeconds(300)), 200);
    }

    @Test
    void aCachedTokenStopsWorkingAtItsMaxAgeEvenBeforeItExpires() throws ParseException {
        MovableClock clock = new MovableClock();
        CachingJwtParser parser = new CachingJwtParser(library, config, clock);
        Instant now = Instant.now();
        String token = customerToken("aging-" + System.nanoTime(), now, now.plus(Duration.ofDays(30)));
        var first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first); // cached

        clock.offset = config.tokenMaxAge().plusSeconds(1);
        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class)
                .hasMessageContaining("older than");
    }

    /** The system clock moved forward by a chosen offset (the parser's clock, not the application's). */
    private static final class MovableClock extends Clock {

        Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
