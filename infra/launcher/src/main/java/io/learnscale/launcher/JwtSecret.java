package io.learnscale.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key a local stack's apps check tokens with: {@code LEARNSCALE_JWT_SECRET} when set, otherwise a random key
 * made once per data folder (so tokens survive a restart) and never committed anywhere.
 */
final class JwtSecret {

    private static final String ENVIRONMENT = "LEARNSCALE_JWT_SECRET";

    private JwtSecret() {}

    static String forStack(Path dataDirectory) {
        String given = System.getenv(ENVIRONMENT);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = dataDirectory.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDirectory);
            Files.writeString(file, secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the stack's token key in " + file, e);
        }
    }
}
