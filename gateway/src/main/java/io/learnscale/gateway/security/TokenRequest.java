package io.learnscale.gateway.security;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /auth/token} is asked for: {@code {"user":"ada","roles":["author"]}}.
 *
 * @param user the token's subject, {@code [a-z0-9._-]}, 1 to 64 characters
 * @param roles some of {@code user}, {@code author}, {@code admin}; none: {@code user}
 */
record TokenRequest(@Nullable String user, @Nullable List<String> roles) {}
