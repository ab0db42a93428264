package io.learnscale.deploychecks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The files of the repository this module checks, found from the module's own directory (infra/deploy-checks). */
final class Repository {

    /** The Spring Boot apps that run in containers, named as their module directories (DESIGN: Topology). */
    static final List<String> APPS = List.of("gateway", "content-service", "quiz-service", "search-service");

    static final Path ROOT = findRoot();

    private Repository() {}

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(file(relative));
    }

    /** One YAML document as maps and lists; duplicate keys are an error, as they are for Docker Compose. */
    static Map<String, Object> yaml(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> document = new Yaml(options).load(reader);
            return document == null ? Map.of() : document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        return yaml(file(relative));
    }

    /** The app's main Java sources, concatenated: where custom metric names are registered. */
    static String mainSources(String module) {
        Path sources = file(module).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(sources)) {
            StringBuilder all = new StringBuilder();
            files.filter(path -> path.toString().endsWith(".java"))
                    .forEach(path -> all.append(read(path)).append('\n'));
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        Path moduleDirectory = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = moduleDirectory.resolve("../..").normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("infra"))) {
            throw new IllegalStateException("Run from infra/deploy-checks: no repository root at " + root);
        }
        return root;
    }
}
