package io.learnscale.gateway.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Prometheus text format (version 0.0.4) that {@code /actuator/prometheus} answers, keeping only the
 * samples of the metrics asked for. Comments, blank lines and lines it cannot read are skipped: a scrape is a
 * best-effort reading, never a reason to fail the feed.
 */
final class PrometheusText {

    /** One line: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {

        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    private PrometheusText() {}

    static List<Sample> parse(String text, Set<String> names) {
        List<Sample> samples = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start && text.charAt(start) != '#') {
                Sample sample = line(text, start, end, names);
                if (sample != null) {
                    samples.add(sample);
                }
            }
            start = end + 1;
        }
        return samples;
    }

    private static @Nullable Sample line(String text, int start, int end, Set<String> names) {
        int nameEnd = start;
        while (nameEnd < end && text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = text.substring(start, nameEnd);
        if (!names.contains(name) || nameEnd == end) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        int at = nameEnd;
        if (text.charAt(at) == '{') {
            at++;
            while (at < end && text.charAt(at) != '}') {
                int equals = text.indexOf('=', at);
                if (equals < 0 || equals >= end || equals + 1 >= end || text.charAt(equals + 1) != '"') {
                    return null;
                }
                String label = text.substring(at, equals).strip();
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                for (; i < end && text.charAt(i) != '"'; i++) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < end) {
                        char escaped = text.charAt(++i);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                if (i >= end) {
                    return null;
                }
                labels.put(label, value.toString());
                at = i + 1;
                if (at < end && text.charAt(at) == ',') {
                    at++;
                }
            }
            at++; // past '}'
        }
        String[] rest = text.substring(Math.min(at, end), end).strip().split(" ");
        Double value = number(rest[0]);
        return value == null ? null : new Sample(name, Map.copyOf(labels), value);
    }

    /** A sample value or a bucket bound: a decimal, {@code NaN} or {@code ±Inf}. */
    static @Nullable Double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException notANumber) {
                    yield null;
                }
            }
        };
    }
}
