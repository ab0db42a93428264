package io.learnscale.deploychecks;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The apps' image recipe, infra/docker/Dockerfile: what it gives every container without compose saying so. */
final class ImageRecipe {

    static final String PATH = "infra/docker/Dockerfile";

    private ImageRecipe() {}

    static String text() {
        return Repository.read(PATH);
    }

    /** Variables set by {@code ENV} instructions and exported by the entrypoint ({@code LEARNSCALE_INSTANCE_ID}). */
    static Set<String> variables() {
        String dockerfile = text().replace("\\\n", " ");
        Set<String> variables = new TreeSet<>();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("ENV ")) {
                Matcher assignment = Pattern.compile("([A-Z_][A-Z0-9_]*)=").matcher(trimmed);
                while (assignment.find()) {
                    variables.add(assignment.group(1));
                }
            }
            if (trimmed.startsWith("ENTRYPOINT ")) {
                Matcher export = Pattern.compile("export ([A-Z_][A-Z0-9_]*)=").matcher(trimmed);
                while (export.find()) {
                    variables.add(export.group(1));
                }
            }
        }
        return variables;
    }

    /** Build arguments the recipe declares ({@code MODULE}). */
    static Set<String> arguments() {
        Set<String> arguments = new TreeSet<>();
        Matcher argument = Pattern.compile("(?m)^ARG ([A-Za-z_][A-Za-z0-9_]*)").matcher(text());
        while (argument.find()) {
            arguments.add(argument.group(1));
        }
        return arguments;
    }
}
