package io.learnscale.launcher.cli;

import io.learnscale.launcher.ProgressLog;
import io.learnscale.launcher.Stack;
import io.learnscale.launcher.StackOptions;
import io.learnscale.launcher.StatusTable;
import io.learnscale.launcher.app.Service;
import io.learnscale.launcher.tour.DemoTraffic;
import io.learnscale.launcher.tour.EventWatch;
import io.learnscale.launcher.tour.RequestTrail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./learnscale run|scale|stop|status|demo|follow|events}: runs the stack in the foreground, or talks to the
 * one that runs.
 */
public final class Launcher {

    private static final String USAGE = """
            usage:
              ./learnscale run [--content N] [--quiz N] [--search N] [--port P] [--clean] [--benchmark]
                  start everything and stay in the foreground; Ctrl-C stops it all
                  (--benchmark: rate limits out of reach, for load tests)
              ./learnscale scale <service> <count>    e.g. scale content-service 4
              ./learnscale status                     what runs where
              ./learnscale stop                       stop the running stack
              ./learnscale demo [--rate R] [--seconds S]
                  steady mixed traffic (readers, quiz takers, a few authors) to the running stack;
                  default 20 requests/s for 120 s, at most 10 minutes
              ./learnscale follow <request-id>        one request's path: gateway, instance, Kafka record, worker
              ./learnscale events [--from-beginning] [--seconds S]
                  content.topics, quiz.attempts and their dead-letter topics, one line per record
            """;

    /** Every command {@link #main} knows; the README's tables name only these (infra/deploy-checks checks it). */
    public static final List<String> COMMANDS =
            List.of("run", "scale", "status", "stop", "demo", "follow", "events", "help");

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("learnscale.home", "."))
                .toAbsolutePath()
                .normalize();
        Deque<String> arguments = new ArrayDeque<>(List.of(args));
        String command = arguments.isEmpty() ? "run" : arguments.pop();
        try {
            switch (command) {
                case "run" -> run(home, arguments);
                case "scale" -> ControlClient.of(home).scale(service(arguments), count(arguments));
                case "status" -> ControlClient.of(home).status();
                case "stop" -> ControlClient.of(home).stop();
                case "demo" -> demo(ControlClient.of(home), arguments);
                case "follow" -> follow(ControlClient.of(home), arguments);
                case "events" -> events(ControlClient.of(home), arguments);
                case "help", "--help", "-h" -> System.out.print(USAGE);
                default -> fail("Unknown command '" + command + "'.\n" + USAGE);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    private static void run(Path home, Deque<String> arguments) throws InterruptedException {
        StackOptions options = StackOptions.defaults(home);
        while (!arguments.isEmpty()) {
            String option = arguments.pop();
            options = switch (option) {
                case "--content" -> options.withInstances(Service.CONTENT, count(arguments));
                case "--quiz" -> options.withInstances(Service.QUIZ, count(arguments));
                case "--search" -> options.withInstances(Service.SEARCH, count(arguments));
                case "--port" -> options.withGatewayPort(count(arguments));
                case "--clean" -> options.withClean(true);
                case "--benchmark" -> options.withBenchmark(true);
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'.\n" + USAGE);
            };
        }
        ControlClient.refuseIfRunning(home);
        ProgressLog progress = ProgressLog.console();
        long started = System.nanoTime();
        Stack stack = Stack.start(options, progress);
        CountDownLatch stopped = new CountDownLatch(1);
        ControlServer control = ControlServer.start(home, stack, stopped::countDown);
        Thread shutdown = new Thread(() -> {
            progress.say("Stopping everything");
            control.close();
            stack.close();
            progress.say("Stopped");
        });
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.printf("%nReady in %.1f s%n%n%s%n", (System.nanoTime() - started) / 1e9, StatusTable.render(stack));
        System.out.println("Ctrl-C (or ./learnscale stop) stops everything.");
        stopped.await();
        System.exit(0);
    }

    private static void demo(ControlClient stack, Deque<String> arguments) throws Exception {
        double rate = 20;
        long seconds = 120;
        while (!arguments.isEmpty()) {
            String option = arguments.pop();
            switch (option) {
                case "--rate" -> rate = count(arguments);
                case "--seconds" -> seconds = count(arguments);
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'.\n" + USAGE);
            }
        }
        new DemoTraffic(stack.gateway(), rate, Duration.ofSeconds(seconds)).run(System.out::println);
    }

    private static void follow(ControlClient stack, Deque<String> arguments) {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException("Which request? Give the X-Request-Id of a response.\n" + USAGE);
        }
        System.out.print(RequestTrail.find(stack.logs(), arguments.pop()).render());
    }

    private static void events(ControlClient stack, Deque<String> arguments) {
        boolean fromBeginning = false;
        Duration duration = null;
        while (!arguments.isEmpty()) {
            String option = arguments.pop();
            switch (option) {
                case "--from-beginning" -> fromBeginning = true;
                case "--seconds" -> duration = Duration.ofSeconds(count(arguments));
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'.\n" + USAGE);
            }
        }
        new EventWatch(stack.kafka()).watch(fromBeginning, duration, System.out::println);
    }

    private static Service service(Deque<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("Which service? " + USAGE);
        }
        String name = arguments.pop();
        return Service.parse(name).orElseThrow(() -> new IllegalArgumentException("No service '" + name + "'."));
    }

    private static int count(Deque<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("A number is missing.\n" + USAGE);
        }
        String text = arguments.pop();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number.");
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
