package io.learnscale.gateway.security;

/**
 * An issued token.
 *
 * @param token the signed JWT, for {@code Authorization: Bearer <token>}
 * @param expiresIn seconds until it expires
 */
record TokenResponse(String token, long expiresIn) {}
