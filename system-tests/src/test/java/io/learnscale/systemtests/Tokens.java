package io.learnscale.systemtests;

import io.learnscale.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens the stack under test accepts: signed with its own key. */
final class Tokens {

    private Tokens() {}

    static String bearer(String user, String... roles) {
        return "Bearer "
                + TestTokens.sign(
                        SystemStack.get().jwtSecret(),
                        user,
                        List.of(roles),
                        Instant.now().plus(Duration.ofMinutes(15)));
    }
}
