package io.learnscale.launcher.tour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./learnscale follow <request-id>}: one request's path through the stack, from the instances' log files.
 * Every app writes the request id and the trace id on each line ({@code logging.pattern} in each application.yml);
 * the gateway's access line names the instance that served it, the producing service the partition and offset of
 * the record it wrote, and the search-service instance that applied the record says so, under the same ids.
 */
public final class RequestTrail {

    /** {@code <time> <level> [<instance>] [<request id>] <pid> --- [<app>] [<thread>] [<trace id>] <logger> : <text>}. */
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+)\\s+(\\w+) \\[([^\\]]*)] \\[([^\\]]*)] \\d+ --- \\[[^\\]]*] \\[[^\\]]*] \\[([^\\]]*)] (\\S+)\\s*: (.*)$");

    /** One log line of the request. */
    public record Line(
            Instant time, String level, String instance, String requestId, String traceId, String logger, String text) {

        String shortLogger() {
            return logger.substring(logger.lastIndexOf('.') + 1);
        }
    }

    private final String requestId;
    private final List<Line> lines;

    private RequestTrail(String requestId, List<Line> lines) {
        this.requestId = requestId;
        this.lines = lines;
    }

    /** The lines of every {@code *.log} in the directory that carry the request id, or a trace id those lines carry. */
    public static RequestTrail find(Path logs, String requestId) {
        if (requestId.isBlank() || !requestId.matches("[\\x21-\\x7e]{1,128}")) {
            throw new IllegalArgumentException(
                    "'" + requestId + "' is not a request id (the X-Request-Id of a response).");
        }
        List<Line> withId = scan(logs, line -> line.requestId().equals(requestId));
        Set<String> traces = new LinkedHashSet<>();
        withId.forEach(line -> {
            if (!line.traceId().isEmpty()) {
                traces.add(line.traceId());
            }
        });
        List<Line> all = traces.isEmpty()
                ? withId
                : scan(logs, line -> line.requestId().equals(requestId) || traces.contains(line.traceId()));
        return new RequestTrail(
                requestId, all.stream().sorted(Comparator.comparing(Line::time)).toList());
    }

    public List<Line> lines() {
        return lines;
    }

    /** The instances the request touched, in the order they first logged it. */
    public List<String> instances() {
        return lines.stream().map(Line::instance).distinct().toList();
    }

    public String render() {
        if (lines.isEmpty()) {
            return "No log line carries request id " + requestId + " (yet): check the X-Request-Id of the response,"
                    + " and that the request went to this stack.\n";
        }
        Instant first = lines.getFirst().time();
        Set<String> traces = new LinkedHashSet<>();
        lines.forEach(line -> traces.add(line.traceId()));
        traces.remove("");
        StringBuilder out = new StringBuilder("Request %s, trace %s: %d lines from %s%n%n"
                .formatted(
                        requestId,
                        traces.isEmpty() ? "-" : String.join(", ", traces),
                        lines.size(),
                        String.join(", ", instances())));
        int width =
                lines.stream().mapToInt(line -> line.instance().length()).max().orElse(10);
        for (Line line : lines) {
            out.append(("  %+7d ms  %-" + width + "s  %-22s %s%n")
                    .formatted(
                            Duration.between(first, line.time()).toMillis(),
                            line.instance(),
                            line.shortLogger(),
                            line.text()));
        }
        out.append("""

                Times are when each line was written. The gateway writes its access line once the answer is \
                complete, so it comes after the service's lines; search-service applies the record as soon as \
                it is on the topic (the partition and offset the producer logged), often before that.
                """);
        return out.toString();
    }

    private static List<Line> scan(Path logs, java.util.function.Predicate<Line> wanted) {
        List<Line> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                try (Stream<String> text = Files.lines(file)) {
                    text.map(RequestTrail::parse)
                            .filter(line -> line != null && wanted.test(line))
                            .forEach(found::add);
                } catch (UncheckedIOException e) {
                    // a line that is not UTF-8 (a library's binary dump): not one of ours, the rest is skipped
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the logs in " + logs, e);
        }
        return found;
    }

    static Line parse(String text) {
        Matcher matcher = LINE.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new Line(
                    Instant.parse(matcher.group(1)),
                    matcher.group(2),
                    matcher.group(3),
                    matcher.group(4),
                    matcher.group(5),
                    matcher.group(6),
                    matcher.group(7));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
