package io.learnscale.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a load run does, from system properties ({@code -Dtarget=... -Drate=...}).
 *
 * @param target the gateway's URL
 * @param rate arriving users per second (open model: they arrive whether or not earlier ones finished)
 * @param duration how long users keep arriving
 * @param scenario {@code mix} (70 % browsing, 25 % quiz taking, 5 % authoring), or one of them alone
 * @param maxErrorPercent the run fails above this share of failed requests
 * @param p95Millis the run fails when the 95th percentile response time is above this
 * @param secret the stack's HS256 token key
 */
public record LoadSettings(
        String target,
        double rate,
        Duration duration,
        Scenario scenario,
        double maxErrorPercent,
        int p95Millis,
        String secret) {

    public enum Scenario {
        MIX,
        BROWSE,
        QUIZ,
        AUTHOR;

        static Scenario parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario is one of mix, browse, quiz, author; not " + text, e);
            }
        }
    }

    public static LoadSettings fromSystemProperties() {
        Path home = Path.of(System.getProperty("learnscale.home", ".")).toAbsolutePath();
        return new LoadSettings(
                System.getProperty("target", "http://127.0.0.1:8080").replaceAll("/+$", ""),
                Double.parseDouble(System.getProperty("rate", "20")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("duration", "60"))),
                Scenario.parse(System.getProperty("scenario", "mix")),
                Double.parseDouble(System.getProperty("maxErrorPercent", "1")),
                Integer.parseInt(System.getProperty("p95Millis", "500")),
                secret(home));
    }

    /** {@code -Dsecret}, then {@code LEARNSCALE_JWT_SECRET}, then the local stack's {@code .data/jwt-secret}. */
    static String secret(Path home) {
        String given = System.getProperty("secret", System.getenv("LEARNSCALE_JWT_SECRET"));
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        Path file = home.resolve(".data/jwt-secret");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No token key: start the local stack (./learnscale run) or pass -Dsecret=<LEARNSCALE_JWT_SECRET>",
                    e);
        }
    }
}
