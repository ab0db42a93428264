package io.learnscale.tokens;

import io.learnscale.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** Shared-key tokens as the tests of every app sign them, and a clock the test moves. */
final class Tokens {

    static final SecretKey KEY = new SecretKeySpec(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private Tokens() {}

    /** A token for {@code user}, valid until a minute after {@link #NOW}. */
    static String signed(String user) {
        return TestTokens.sign(TestTokens.SECRET, user, List.of("user"), NOW.plusSeconds(60));
    }

    /** The same token with another signature: its first character changed (the last one's low bits are unused). */
    static String tampered(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        return token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }

    /** Expiry checked against {@code clock}, with no skew allowed. */
    static JwtTimestampValidator expiryAt(MovableClock clock) {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    static final class MovableClock extends Clock {

        private volatile Instant now = NOW;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
