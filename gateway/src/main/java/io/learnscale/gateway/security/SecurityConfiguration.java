package io.learnscale.gateway.security;

import io.learnscale.tokens.RememberingReactiveJwtDecoder;
import io.learnscale.tokens.TokenClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway as an OAuth2 resource server (DESIGN: Security). Stateless: no session, no CSRF token (nothing rides
 * on cookies), no saved request; the response headers are {@code web.SecurityHeaders}' (Spring Security's would
 * add {@code Cache-Control: no-cache} to the services' cacheable reads). The {@code Authorization} header goes on to
 * the service untouched.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * HS256 with the shared key, or the issuer's published keys; either way the expiry is checked (with Spring
     * Security's default 60 s of clock skew) and {@code alg: none} is refused. Without a usable key the gateway does
     * not start. A token is decoded once and its expiry (and issuer) checked on every request
     * ({@link RememberingReactiveJwtDecoder}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties jwt, EdgeSecurityProperties security) {
        if (jwt.usesIssuer()) {
            String issuer = jwt.issuerUri();
            if (security.tokenEndpoint().enabled()) {
                log.warn("POST /auth/token stays off: tokens come from the issuer {}", issuer);
            }
            // the issuer's metadata and keys are fetched on the first token, so the gateway starts without it
            NimbusReactiveJwtDecoder decoder =
                    NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
            return new RememberingReactiveJwtDecoder(decoder, JwtValidators.createDefaultWithIssuer(issuer));
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(jwt.hmacKey())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setClaimSetConverter(TokenClaims.ISSUER_AS_NAME);
        return new RememberingReactiveJwtDecoder(decoder, JwtValidators.createDefault());
    }

    /**
     * No observation of the chain's filters, authentication or authorization: the request's own span and metrics time
     * it all. Without this Spring Security wraps every filter of every request in an observation decorator, even when
     * {@code management.observations.enable.spring.security} turns the observations themselves into no-ops.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Also the firewall's rejection handler (Spring Security's filter chain proxy takes it from here). */
    @Bean
    SecurityProblems securityProblems() {
        return new SecurityProblems();
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(
            ServerHttpSecurity http, ReactiveJwtDecoder decoder, SecurityProblems problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(ServerHttpSecurity.CorsSpec::disable) // BrowserOrigins, before this chain
                .authorizeExchange(AccessRules::apply)
                .oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** {@code sub} is the user, {@code roles: ["author"]} becomes {@code ROLE_author}, as in every service. */
    static ReactiveJwtAuthenticationConverterAdapter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Roles.CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName("sub");
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
