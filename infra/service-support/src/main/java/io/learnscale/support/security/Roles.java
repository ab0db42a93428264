package io.learnscale.support.security;

/** The roles a token's {@code roles} claim may hold (DESIGN: Security). */
public final class Roles {

    public static final String USER = "user";
    public static final String AUTHOR = "author";
    public static final String ADMIN = "admin";

    /** Claim with the roles. */
    public static final String CLAIM = "roles";

    private Roles() {}
}
