package io.learnscale.launcher.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
     */
    public static AppJar of(Path bootJar, boolean writesArchive) {
        Path directory = bootJar.resolveSibling("launch");
        Path contents = directory.resolve("contents.sha256");
        String digest = contents(bootJar);
        if (!digest.equals(read(contents))) {
            extract(bootJar, directory);
            write(contents, digest);
        }
        String name = bootJar.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jar".length());
        return new AppJar(directory.resolve(name), directory.resolve(stem + ".jsa"), writesArchive);
    }

    /**
     * The JVM options for instance {@code number}. Only the first instance writes the archive (two JVMs writing one
     * file at exit could leave it torn); the others map it in once it is there and newer than the jar.
     */
    public List<String> jvmOptions(int number) {
        if (writesArchive && number == 1) {
            return List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-XX:+AutoCreateSharedArchive", QUIET);
        }
        return newer(archive, jar) ? List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), QUIET) : List.of();
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

    /** Instance {@code number} will write the archive when it exits: it is the first, and no current one is there. */
    public boolean writesArchiveAtExit(int number) {
        return writesArchive && number == 1 && !newer(archive, jar);
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
        try (Stream<Path> paths = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty " + directory, e);
        }
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
