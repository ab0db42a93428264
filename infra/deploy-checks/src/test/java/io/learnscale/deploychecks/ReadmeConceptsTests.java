package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.app.Service;
import io.learnscale.launcher.cli.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The README's "Concepts in running form": one row per scaling technique of the notes, none without a place and a
 * way to see it, and every file, command and metric a row names exists.
 */
class ReadmeConceptsTests {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern METRIC = Pattern.compile("[a-z]+(_[a-z]+)+");

    private final List<List<String>> rows = rows();

    @Test
    void everyTechniqueOfTheNotesHasARow() {
        assertThat(rows)
                .extracting(row -> row.getFirst().toLowerCase())
                .anyMatch(name -> name.contains("load balancing"))
                .anyMatch(name -> name.contains("microservices"))
                .anyMatch(name -> name.contains("sharding"))
                .anyMatch(name -> name.contains("cdn"))
                .anyMatch(name -> name.contains("auto-scaling"))
                .anyMatch(name -> name.contains("clustering"))
                .anyMatch(name -> name.contains("message queues"))
                .anyMatch(name -> name.contains("caching"))
                .anyMatch(name -> name.contains("connection pooling"))
                .anyMatch(name -> name.contains("database optimisation"))
                .anyMatch(name -> name.contains("code optimisation"))
                .anyMatch(name -> name.contains("rest"))
                .anyMatch(name -> name.contains("async"));
    }

    @Test
    void everyRowHasAPlaceInTheRepositoryAndAWayToSeeIt() {
        SoftAssertions softly = new SoftAssertions();
        for (List<String> row : rows) {
            softly.assertThat(row).as("row %s", row.getFirst()).hasSize(3);
            softly.assertThat(code(row.get(1)))
                    .as("files of %s", row.getFirst())
                    .anyMatch(ReadmeConceptsTests::isPath);
            softly.assertThat(code(row.get(2)).stream().anyMatch(ReadmeConceptsTests::isCommand)
                            || row.get(2).contains("http://localhost:8080/"))
                    .as("a command or page for %s", row.getFirst())
                    .isTrue();
        }
        softly.assertAll();
    }

    @Test
    void everyFileTheTableNamesExists() {
        SoftAssertions softly = new SoftAssertions();
        rows.stream()
                .flatMap(row -> row.stream().skip(1))
                .flatMap(cell -> code(cell).stream())
                .filter(ReadmeConceptsTests::isPath)
                .forEach(path ->
                        softly.assertThat(Repository.file(path)).as(path).exists());
        softly.assertAll();
    }

    @Test
    void everyCommandTheTableNamesIsOneThatExists() {
        SoftAssertions softly = new SoftAssertions();
        rows.stream()
                .flatMap(row -> row.stream().skip(1))
                .flatMap(cell -> code(cell).stream())
                .filter(ReadmeConceptsTests::isCommand)
                .forEach(command -> {
                    String[] words = command.split("\\s+");
                    switch (words[0]) {
                        case "./learnscale" -> {
                            softly.assertThat(Launcher.COMMANDS).as(command).contains(words[1]);
                            Stream.of(words)
                                    .filter(word -> word.endsWith("-service"))
                                    .forEach(service -> softly.assertThat(Service.parse(service))
                                            .as(command)
                                            .isPresent());
                        }
                        case "./mvnw" ->
                            Stream.of(words)
                                    .filter(word -> word.startsWith("-Dtest="))
                                    .forEach(test -> softly.assertThat(testClassExists(test.substring(7)))
                                            .as(command)
                                            .isTrue());
                        case "curl" ->
                            softly.assertThat(command)
                                    .as(command)
                                    .matches(".*localhost:(8080|9101|9301)/(api|actuator)/.*");
                        default ->
                            softly.assertThat(Repository.file(words[0]))
                                    .as(command)
                                    .exists();
                    }
                });
        softly.assertAll();
    }

    @Test
    void everyMetricTheTableNamesIsOneTheAppsExport() {
        SoftAssertions softly = new SoftAssertions();
        rows.stream()
                .flatMap(row -> row.stream().skip(1))
                .flatMap(cell -> code(cell).stream())
                .filter(token -> METRIC.matcher(token).matches())
                .forEach(metric -> softly.assertThat(
                                KnownMetrics.METRICS.keySet().stream().anyMatch(known -> known.startsWith(metric)))
                        .as(metric)
                        .isTrue());
        softly.assertAll();
    }

    private static boolean isPath(String token) {
        return token.contains("/") && !token.contains(" ") && !token.startsWith("http") && !token.startsWith("./")
                || token.equals("docker-compose.yml");
    }

    private static boolean isCommand(String token) {
        return token.startsWith("./learnscale ")
                || token.startsWith("./mvnw ")
                || token.startsWith("curl ")
                || token.startsWith("infra/bench/");
    }

    private static boolean testClassExists(String name) {
        try (Stream<Path> files = Files.walk(Repository.ROOT)) {
            return files.anyMatch(file -> file.toString().contains("/src/test/java/")
                    && file.getFileName().toString().equals(name + ".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> code(String cell) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            tokens.add(matcher.group(1));
        }
        return tokens;
    }

    private static List<List<String>> rows() {
        String readme = Repository.read("README.md");
        int start = readme.indexOf("\n## Concepts in running form\n");
        assertThat(start).as("the README's section 'Concepts in running form'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        List<List<String>> rows = new ArrayList<>();
        readme.substring(start, end < 0 ? readme.length() : end)
                .lines()
                .filter(line -> line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| Technique"))
                .forEach(line ->
                        rows.add(Stream.of(line.substring(1, line.length() - 1).split("\\|"))
                                .map(String::trim)
                                .toList()));
        assertThat(rows).as("rows of the concept table").hasSizeGreaterThanOrEqualTo(13);
        return rows;
    }
}
