package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.StatusTable;
import io.learnscale.launcher.app.AppInstance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The table {@code ./learnscale run} prints when ready and {@code ./learnscale status} prints on demand. */
@Order(14)
class StatusTableTests {

    @Test
    void namesEveryInstanceAndServerWithWhereItListensItsPidAndALogThatExists() {
        Stack stack = SystemStack.get();
        Path home = stack.options().home();

        Map<String, String[]> rows = rows(StatusTable.render(stack));

        List<String> expected = new ArrayList<>();
        stack.instances().forEach(instance -> expected.add(instance.id()));
        expected.addAll(List.of("PostgreSQL", "Redis", "Kafka"));
        assertThat(rows.keySet()).containsExactlyElementsOf(expected);
        for (AppInstance instance : stack.instances()) {
            assertThat(rows.get(instance.id()))
                    .as(instance.id())
                    .startsWith(instance.url(), instance.managementUrl(), Long.toString(instance.pid()));
        }
        assertThat(rows.get("Kafka")[3]).as("Kafka's log").isNotEqualTo("-");
        rows.forEach((name, cells) -> {
            if (!cells[3].equals("-")) {
                assertThat(home.resolve(cells[3]))
                        .as(name + "'s log, from the project's root")
                        .isRegularFile();
            }
        });
    }

    /** The cells after the first, by the first: the rows up to the blank line, the header left out. */
    private static Map<String, String[]> rows(String table) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line :
                table.lines().skip(1).takeWhile(line -> !line.isBlank()).toList()) {
            assertThat(line).as("no trailing blanks").isEqualTo(line.stripTrailing());
            String[] cells = line.split(" {2,}");
            assertThat(cells).as(line).hasSize(5);
            rows.put(cells[0], List.of(cells).subList(1, 5).toArray(String[]::new));
        }
        return rows;
    }
}
