package io.learnscale.deploychecks;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL to find the metric names and the {@code job} values a query refers to. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*(=~|!~|=|!=)\\s*\"([^\"]*)\"");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_]+\\s*\\)\\s*$");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private PromQl() {}

    /** The metric names an expression (or a Grafana {@code label_values(expr, label)} query) reads. */
    static Set<String> metrics(String expression) {
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        String query = labelValues.matches() ? labelValues.group(1) : expression;
        String bare = STRING.matcher(query).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean call = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!call && !number && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                metrics.add(name);
            }
        }
        return metrics;
    }

    /**
     * The {@code job} values an expression names literally: {@code job="a"}, and the alternatives of
     * {@code job=~"a|b"}; template variables ({@code $service}) are left out.
     */
    static Set<String> jobs(String expression) {
        Set<String> jobs = new TreeSet<>();
        Matcher job = JOB.matcher(expression);
        while (job.find()) {
            for (String value : job.group(2).split("\\|")) {
                if (!value.isBlank() && !value.contains("$") && value.matches("[A-Za-z0-9_-]+")) {
                    jobs.add(value);
                }
            }
        }
        return jobs;
    }
}
