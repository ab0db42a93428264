/**
 * Who may do what at the edge (DESIGN: Security, Public API): a reactive OAuth2 resource server that checks every
 * presented token (HS256 with {@code LEARNSCALE_JWT_SECRET}, or an OpenID Connect issuer from
 * {@code LEARNSCALE_JWT_ISSUER_URI}), maps the {@code roles} claim to {@code ROLE_*}, applies the rules of
 * {@link io.learnscale.gateway.security.AccessRules}, answers 401 and 403 as problem+json, allows CORS for the
 * configured origins only, and, in the demo profiles, issues short-lived tokens at {@code POST /auth/token}. The
 * token is relayed to the services unchanged: they check it too.
 */
package io.learnscale.gateway.security;
