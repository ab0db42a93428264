package io.learnscale.gateway.security;

import io.learnscale.gateway.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/token}, the demo token endpoint (DESIGN: Public API): anyone may ask for a short-lived token
 * for any user and roles, signed HS256 with the same key every app checks tokens with. On only where
 * {@code learnscale.security.token-endpoint.enabled} is true (the {@code local} and {@code compose} profiles) and
 * no issuer is configured; otherwise the path is a 404 problem like any other unknown path. Not for production:
 * whoever reaches it can be admin.
 */
@RestController
@Conditional(TokenEndpoint.Enabled.class)
class TokenEndpoint {

    static final String PATH = "/auth/token";

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final Pattern USER = Pattern.compile("[a-z0-9._-]{1,64}");
    static final String ISSUER = "learnscale-gateway";

    private final JwtEncoder encoder;
    private final EdgeSecurityProperties.TokenEndpoint properties;
    private final Clock clock;

    TokenEndpoint(JwtProperties jwt, EdgeSecurityProperties security) {
        this.encoder = NimbusJwtEncoder.withSecretKey(jwt.hmacKey()).build();
        this.properties = security.tokenEndpoint();
        this.clock = Clock.systemUTC();
        log.warn(
                "The demo token endpoint POST {} is on: anyone who reaches the gateway can get a token for any role",
                PATH);
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> issue(@RequestBody TokenRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String user = request.user();
        if (user == null || !USER.matcher(user).matches()) {
            errors.add(new FieldError("user", "must be 1 to 64 of a-z, 0-9, '.', '_' and '-'"));
        }
        Set<String> roles = new LinkedHashSet<>();
        List<String> asked = request.roles() == null ? List.of() : request.roles();
        for (int i = 0; i < asked.size(); i++) {
            String role = asked.get(i);
            if (role == null || !Roles.ALL.contains(role)) {
                errors.add(new FieldError("roles[" + i + "]", "must be one of user, author, admin"));
            } else {
                roles.add(role);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "The request has invalid fields.")
                    .type("invalid-request")
                    .property("errors", errors);
        }
        if (roles.isEmpty()) {
            roles.add(Roles.USER);
        }
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user)
                .claim(Roles.CLAIM, List.copyOf(roles))
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        // RFC 6749 5.1: a response with a token is never cached
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(token, properties.ttl().toSeconds()));
    }

    /** One invalid field of a 400 problem, as the services report them. */
    record FieldError(String field, String message) {}

    /** On when enabled, and no issuer signs the tokens instead. */
    static final class Enabled extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean enabled = binder.bind("learnscale.security.token-endpoint.enabled", Boolean.class)
                    .orElse(false);
            String issuer =
                    binder.bind("learnscale.jwt.issuer-uri", String.class).orElse("");
            if (!enabled) {
                return ConditionOutcome.noMatch("learnscale.security.token-endpoint.enabled is not true");
            }
            if (!issuer.isBlank()) {
                return ConditionOutcome.noMatch("learnscale.jwt.issuer-uri is set: the issuer signs the tokens");
            }
            return ConditionOutcome.match("the demo token endpoint is enabled and no issuer is set");
        }
    }
}
