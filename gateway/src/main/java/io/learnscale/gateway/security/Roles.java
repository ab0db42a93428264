package io.learnscale.gateway.security;

import java.util.Set;

/** The roles a token's {@code roles} claim may hold (DESIGN: Security), the same names as the services use. */
final class Roles {

    static final String USER = "user";
    static final String AUTHOR = "author";
    static final String ADMIN = "admin";

    static final Set<String> ALL = Set.of(USER, AUTHOR, ADMIN);

    /** The claim with the roles. */
    static final String CLAIM = "roles";

    private Roles() {}

    static String authority(String role) {
        return "ROLE_" + role;
    }
}
