package io.learnscale.systemtests;

import io.learnscale.launcher.ProgressLog;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.StackOptions;
import java.nio.file.Path;

/** ONE whole stack per test run, on free ports, started on first use and stopped when the JVM exits. */
final class SystemStack {

    private static Stack stack;

    private SystemStack() {}

    static synchronized Stack get() {
        if (stack == null) {
            Path home = Path.of(System.getProperty("learnscale.home", ".."))
                    .toAbsolutePath()
                    .normalize();
            Path data = Path.of(System.getProperty("learnscale.stack.data", "target/stack"));
            long started = System.nanoTime();
            stack = Stack.start(StackOptions.forTests(home, data), ProgressLog.console());
            System.out.printf("System-test stack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }
}
