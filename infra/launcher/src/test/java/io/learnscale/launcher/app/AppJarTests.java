package io.learnscale.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extraction and the class-data archive, against a real JVM: system-tests ClassDataSharingTests. */
class AppJarTests {

    @TempDir
    Path directory;

    @Test
    void aJarPackagedAgainWithTheSameEntriesHasTheSameContents() throws IOException {
        Path first = zip("first.jar", Instant.parse("2026-01-01T00:00:00Z"), "class A {}");
        Path second = zip("second.jar", Instant.parse("2026-06-01T12:00:00Z"), "class A {}");

        assertThat(AppJar.contents(second)).isEqualTo(AppJar.contents(first));
    }

    @Test
    void aJarWithAChangedEntryHasOtherContents() throws IOException {
        Path first = zip("first.jar", Instant.parse("2026-01-01T00:00:00Z"), "class A {}");
        Path changed = zip("changed.jar", Instant.parse("2026-01-01T00:00:00Z"), "class A { int b; }");

        assertThat(AppJar.contents(changed)).isNotEqualTo(AppJar.contents(first));
    }

    @Test
    void onlyTheFirstInstanceWritesTheArchive() {
        AppJar jar = new AppJar(directory.resolve("app.jar"), directory.resolve("app.jsa"), true);

        assertThat(jar.archiving(1).jvmOptions())
                .contains("-XX:SharedArchiveFile=" + jar.archive().toAbsolutePath(), "-XX:+AutoCreateSharedArchive");
        assertThat(jar.archiving(2).jvmOptions()).noneMatch(option -> option.contains("AutoCreateSharedArchive"));
    }

    @Test
    void aStackThatWritesNoArchivesStillMapsACurrentOne() throws IOException {
        AppJar jar = new AppJar(directory.resolve("app.jar"), directory.resolve("app.jsa"), false);
        Files.writeString(jar.jar(), "jar");

        assertThat(jar.archiving(1).jvmOptions()).isEmpty();
        assertThat(jar.archiving(1).writesAtExit()).isFalse();

        Files.writeString(jar.archive(), "archive");
        Files.setLastModifiedTime(jar.archive(), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(jar.archiving(1).jvmOptions())
                .contains("-XX:SharedArchiveFile=" + jar.archive().toAbsolutePath())
                .noneMatch(option -> option.contains("AutoCreateSharedArchive"));
    }

    @Test
    void laterInstancesMapTheArchiveOnlyWhenItIsNewerThanTheJar() throws IOException {
        AppJar jar = new AppJar(directory.resolve("app.jar"), directory.resolve("app.jsa"), true);
        Files.writeString(jar.jar(), "jar");

        assertThat(jar.archiving(2).jvmOptions()).isEmpty();

        Files.writeString(jar.archive(), "archive");
        Files.setLastModifiedTime(jar.jar(), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(jar.archiving(2).jvmOptions())
                .as("an archive older than the jar is stale")
                .isEmpty();

        Files.setLastModifiedTime(jar.archive(), FileTime.from(Instant.now().plusSeconds(120)));
        assertThat(jar.archiving(3).jvmOptions())
                .contains("-XX:SharedArchiveFile=" + jar.archive().toAbsolutePath());
    }

    @Test
    void theFirstInstanceWritesTheArchiveWhenNoCurrentOneIsThere() throws IOException {
        AppJar jar = new AppJar(directory.resolve("app.jar"), directory.resolve("app.jsa"), true);
        Files.writeString(jar.jar(), "jar");

        assertThat(jar.archiving(1).writesAtExit()).isTrue();
        assertThat(jar.archiving(1).stopGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(jar.archiving(2).writesAtExit()).isFalse();
        assertThat(jar.archiving(2).stopGrace()).isEqualTo(Duration.ofSeconds(15));

        Files.writeString(jar.archive(), "archive");
        Files.setLastModifiedTime(jar.archive(), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(jar.archiving(1).writesAtExit()).isFalse();
    }

    private Path zip(String name, Instant time, String source) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : new String[] {"META-INF/MANIFEST.MF", "A.java"}) {
                ZipEntry zipEntry = new ZipEntry(entry);
                zipEntry.setLastModifiedTime(FileTime.from(time));
                zip.putNextEntry(zipEntry);
                zip.write(
                        (entry.equals("A.java") ? source : "Manifest-Version: 1.0\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
