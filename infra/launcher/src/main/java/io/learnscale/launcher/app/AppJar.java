package io.learnscale.launcher.app;

import io.learnscale.launcher.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/**
 * What an app's instances run: its Boot jar extracted (the JVM can only archive classes it loads from plain jars),
 * and a class-data archive (CDS) of every class the app loaded, which its first instance writes when it exits and
 * every later start maps in instead of loading and verifying those classes again. Both live under the module's
 * {@code target/launch}, so a new build replaces them; the JVM checks the archive against the jars and ignores a
 * stale one.
 *
 * @param jar the extracted application jar, with its libraries in {@code lib/} beside it
 * @param archive the class-data archive
 * @param writesArchive whether the first instance writes the archive when it exits (not in tests' stacks)
 */
public record AppJar(Path jar, Path archive, boolean writesArchive) {

    /** Not a warning in the log for each of the few hundred classes the archive cannot hold (proxies, signed jars). */
    private static final String QUIET = "-Xlog:cds*=error";

    /**
     * Extracts the Boot jar into {@code launch/} beside it, unless what is there came from a jar with the same
     * entries: a rebuild of unchanged code repackages the jar, and extracting it again would make the archive stale.
     * {@code extracting} hears of each jar before it is extracted (a few seconds each).
     */
    public static AppJar of(Path bootJar, boolean writesArchive, Consumer<Path> extracting) {
        Path directory = bootJar.resolveSibling("launch");
        Path contents = directory.resolve("contents.sha256");
        String digest = contents(bootJar);
        if (!digest.equals(read(contents))) {
            extracting.accept(bootJar);
            extract(bootJar, directory);
            write(contents, digest);
        }
        String name = bootJar.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jar".length());
        return new AppJar(directory.resolve(name), directory.resolve(stem + ".jsa"), writesArchive);
    }

    /**
     * How instance {@code number} uses the archive. Only the first instance writes it (two JVMs writing one file at
     * exit could leave it torn); the others map it in once it is there and newer than the jar.
     */
    public Archiving archiving(int number) {
        String file = "-XX:SharedArchiveFile=" + archive.toAbsolutePath();
        boolean current = newer(archive, jar);
        if (writesArchive && number == 1) {
            return new Archiving(List.of(file, "-XX:+AutoCreateSharedArchive", QUIET), !current);
        }
        return new Archiving(current ? List.of(file, QUIET) : List.of(), false);
    }

    /**
     * One instance's use of the archive.
     *
     * @param jvmOptions what the JVM is started with
     * @param writesAtExit whether it will write the archive when it exits: it is the first, and no current one is there
     */
    public record Archiving(List<String> jvmOptions, boolean writesAtExit) {

        /** Writing the archive at exit takes 5-20 s on a busy machine; a JVM killed meanwhile leaves none. */
        public Duration stopGrace() {
            return writesAtExit ? Duration.ofSeconds(60) : Duration.ofSeconds(15);
        }
    }

    /** A digest of every entry's name, size and CRC: what the jar holds, not when it was packaged. */
    static String contents(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            zip.stream()
                    .forEach(entry -> digest.update("%s %d %d%n"
                            .formatted(entry.getName(), entry.getSize(), entry.getCrc())
                            .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static boolean newer(Path file, Path than) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return time.compareTo(Files.getLastModifiedTime(than)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Into an emptied directory: a library the new build no longer has must not stay beside it. */
    private static void extract(Path bootJar, Path directory) {
        Directories.deleteRecursively(directory);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools",
                "-jar",
                bootJar.toAbsolutePath().toString(),
                "extract",
                "--destination",
                directory.toAbsolutePath().toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Could not extract " + bootJar + ": " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + bootJar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + bootJar, e);
        }
    }
}
