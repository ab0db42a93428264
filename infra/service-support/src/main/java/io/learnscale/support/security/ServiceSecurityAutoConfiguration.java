package io.learnscale.support.security;

import io.learnscale.tokens.RememberingJwtDecoder;
import io.learnscale.tokens.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service checks tokens itself (DESIGN: Security), so a request that bypasses the gateway gets no further:
 * reads are public, a presented token must be valid even on a public read, and each service names who may write.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtProperties.class)
public class ServiceSecurityAutoConfiguration {

    /**
     * HS256 with the shared key, or the issuer's published keys; a token is decoded once and its expiry (and issuer)
     * checked on every request ({@link RememberingJwtDecoder}).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        if (properties.usesIssuer()) {
            String issuer = properties.issuerUri();
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
            return new RememberingJwtDecoder(decoder, JwtValidators.createDefaultWithIssuer(issuer));
        }
        byte[] key =
                properties.secret() == null ? new byte[0] : properties.secret().getBytes(StandardCharsets.UTF_8);
        if (key.length < JwtProperties.MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    "Set LEARNSCALE_JWT_SECRET to a key of at least " + JwtProperties.MIN_SECRET_BYTES
                            + " bytes, or LEARNSCALE_JWT_ISSUER_URI to an OpenID Connect issuer.");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setClaimSetConverter(TokenClaims.ISSUER_AS_NAME);
        return new RememberingJwtDecoder(decoder, JwtValidators.createDefault());
    }

    /**
     * No observation of the chain's filters, authentication or authorization: the request's own span and metrics time
     * it all, and Spring Security would otherwise wrap every filter of every request in an observing decorator.
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<ApiAuthorization> serviceRules, JsonMapper json)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
            bearer.commence(request, response, ex); // the WWW-Authenticate header
            problems.write(
                    request,
                    response,
                    401,
                    "unauthorized",
                    request.getHeader("Authorization") == null
                            ? "This needs a token: send Authorization: Bearer <token>."
                            : "The token is invalid or expired.");
        };
        AccessDeniedHandler forbidden = (request, response, ex) ->
                problems.write(request, response, 403, "forbidden", "Your roles do not allow this.");
        List<ApiAuthorization> rules = serviceRules.orderedStream().toList();
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    // the management port: probes and Prometheus; never routed, never published
                    authorize.requestMatchers("/actuator/**", "/error").permitAll();
                    rules.forEach(rule -> rule.configure(authorize));
                    authorize.requestMatchers(HttpMethod.GET, "/**").permitAll();
                    authorize.requestMatchers(HttpMethod.HEAD, "/**").permitAll();
                    authorize.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    authorize.anyRequest().hasRole(Roles.ADMIN);
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /** {@code sub} is the user, {@code roles: ["author"]} becomes {@code ROLE_author}. */
    static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Roles.CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName("sub");
        return converter;
    }
}
