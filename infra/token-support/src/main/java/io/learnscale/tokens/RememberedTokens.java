package io.learnscale.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The tokens a decoder has already decoded, by their exact text, so that a client sending the same token again
 * skips its parsing, signature check and claim conversion. A remembered token is validated again on every use, with
 * the validator its decoder uses: it expires, and is refused, exactly as it would be without this.
 *
 * <p>Bounded in count and in time: at most {@link #MAXIMUM} tokens, none kept longer than {@link #KEPT_FOR}. That
 * time is also how long a token stays accepted after the issuer withdraws the key that signed it.
 */
final class RememberedTokens {

    static final int MAXIMUM = 2048;
    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private final Cache<String, Jwt> decoded = Caffeine.newBuilder()
            .maximumSize(MAXIMUM)
            .expireAfterWrite(KEPT_FOR)
            .build();
    private final OAuth2TokenValidator<Jwt> validator;
    private final String refusal;

    /** {@code refusal} begins a refused token's message, as the decoder words it (the servlet one adds a prefix). */
    RememberedTokens(OAuth2TokenValidator<Jwt> validator, String refusal) {
        this.validator = validator;
        this.refusal = refusal;
    }

    /** The remembered token, validated now; null when it is not remembered. */
    @Nullable
    Jwt validated(String token) {
        Jwt jwt = decoded.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(message(result), result.getErrors());
        }
        return jwt;
    }

    /** {@code jwt} must come from a decoder that validates with this validator. */
    Jwt remember(String token, Jwt jwt) {
        decoded.put(token, jwt);
        return jwt;
    }

    /** The decoder's own wording, so a refusal reads the same whether the token was remembered or not. */
    private String message(OAuth2TokenValidatorResult result) {
        return result.getErrors().stream()
                .map(OAuth2Error::getDescription)
                .filter(description -> description != null && !description.isEmpty())
                .findFirst()
                .map(description -> refusal + description)
                .orElse("Unable to validate Jwt");
    }
}
