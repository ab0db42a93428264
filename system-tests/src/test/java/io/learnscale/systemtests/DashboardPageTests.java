package io.learnscale.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.learnscale.launcher.Stack;
import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.Service;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The live dashboard in a real browser: headless Chromium driven by Selenium, both from Debian ({@code apt-get install
 * -y chromium chromium-driver}; nothing is downloaded). With reads flowing through the gateway, the page charts every
 * content instance, a third instance shows as a third series, a removed one leaves the topology, and the page logs no
 * error. Leaves the stack as it found it: the instance it adds, it stops. Earlier tests replace instances, so the
 * names come from the stack.
 *
 * <p>Saves a screenshot to {@code target/dashboard.png}, and with {@code -Dlearnscale.dashboard.screenshot=true} to
 * {@code docs/images/dashboard.png}, the one the README shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(45)
class DashboardPageTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("learnscale.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("learnscale.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration CHARTED_WITHIN = Duration.ofSeconds(40);

    /** The names of the series of a service's requests chart that show traffic (some point above zero). */
    private static final String SERIES_WITH_TRAFFIC = """
            const holder = document.getElementById('rps-' + arguments[0]);
            const chart = holder && window.echarts ? echarts.getInstanceByDom(holder) : null;
            if (!chart) return [];
            return chart.getOption().series.filter(s => s.data.some(p => p[1] > 0)).map(s => s.name);""";

    private static final String SERIES_NAMES = """
            const holder = document.getElementById(arguments[0]);
            const chart = holder && window.echarts ? echarts.getInstanceByDom(holder) : null;
            if (!chart) return [];
            return chart.getOption().series.filter(s => s.data.some(p => p[1] !== null && p[1] !== '-'))
                .map(s => s.name);""";

    private static final String LAG_PARTITIONS = """
            const chart = window.echarts ? echarts.getInstanceByDom(document.getElementById('lag')) : null;
            return chart ? chart.getOption().xAxis[0].data : [];""";

    /** Each box of the topology strip: {@code name:ready}. */
    private static final String TOPOLOGY = """
            return [...document.querySelectorAll('#topology .box')]
                .map(box => box.dataset.instance + ':' + box.dataset.ready);""";

    private static final String BREAKERS = """
            return [...document.querySelectorAll('#breakers .breaker')]
                .map(chip => chip.dataset.breaker + ':' + chip.classList[1]);""";

    private static final Stack stack = SystemStack.get();
    private static final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private static ChromeDriver browser;
    private static Reads reads;
    private static AppInstance added;

    @BeforeAll
    static void openThePageWhileReadsFlow() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
        reads = Reads.start(stack.gatewayUrl());
        browser = headlessChromium();
        browser.get(stack.gatewayUrl() + "/");
    }

    @AfterAll
    static void leaveTheStackAsItWas() {
        if (reads != null) {
            reads.stop();
        }
        if (browser != null) {
            browser.quit();
        }
        if (added != null && stack.instances(Service.CONTENT).contains(added)) {
            stack.stopInstance(added.id());
        }
    }

    @Test
    @Order(1)
    void theRootLeadsToThePageAndItsFeedIsServerSentEvents() {
        assertThat(browser.getCurrentUrl()).isEqualTo(stack.gatewayUrl() + "/dashboard");

        HttpResponse<String> root = Http.get(stack.gatewayUrl() + "/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard");

        HttpResponse<String> notEvents =
                Http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/dashboard/feed"))
                        .header("Accept", "application/json"));
        assertThat(notEvents.statusCode()).isEqualTo(406);
        assertThat(notEvents.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @Order(2)
    void theChartsShowTrafficOnBothContentInstances() {
        List<String> content = ids(Service.CONTENT);
        assertThat(content).hasSize(2);
        await().atMost(CHARTED_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() ->
                        assertThat(seriesWithTraffic("content-service")).containsExactlyInAnyOrderElementsOf(content));
        await().atMost(CHARTED_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(seriesWithTraffic("quiz-service")).containsAll(ids(Service.QUIZ));
            assertThat(seriesWithTraffic("search-service")).containsAll(ids(Service.SEARCH));
            assertThat(strings(browser.executeScript(SERIES_NAMES, "latency")))
                    .contains("content-service p50", "content-service p95", "content-service p99");
            assertThat(strings(browser.executeScript(SERIES_NAMES, "cache")))
                    .contains("content-service", "quiz-service");
            assertThat(strings(browser.executeScript(SERIES_NAMES, "errors"))).contains("5xx", "429");
        });

        List<String> everyInstanceReady = stack.instances().stream()
                .map(instance -> instance.id() + ":true")
                .toList();
        assertThat(strings(browser.executeScript(TOPOLOGY))).containsExactlyInAnyOrderElementsOf(everyInstanceReady);
        assertThat(strings(browser.executeScript(LAG_PARTITIONS)))
                .containsExactly(
                        "quiz.attempts 0",
                        "quiz.attempts 1",
                        "quiz.attempts 2",
                        "quiz.attempts 3",
                        "quiz.attempts 4",
                        "quiz.attempts 5");
        assertThat(strings(browser.executeScript(BREAKERS)))
                .containsExactly("content-service:CLOSED", "quiz-service:CLOSED", "search-service:CLOSED");
        collectConsoleErrors();
    }

    @Test
    @Order(3)
    void aThirdInstanceShowsAsAThirdSeries() throws IOException {
        added = stack.addInstance(Service.CONTENT);
        List<String> content = ids(Service.CONTENT);
        assertThat(content).hasSize(3);

        await().atMost(CHARTED_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(seriesWithTraffic("content-service")).containsExactlyInAnyOrderElementsOf(content);
            assertThat(strings(browser.executeScript(TOPOLOGY))).contains(added.id() + ":true");
        });
        screenshot();
        collectConsoleErrors();
    }

    @Test
    @Order(4)
    void aRemovedInstanceLeavesTheTopology() {
        stack.stopInstance(added.id());
        List<String> remaining =
                ids(Service.CONTENT).stream().map(id -> id + ":true").toList();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(strings(browser.executeScript(TOPOLOGY)))
                        .containsAll(remaining)
                        .noneMatch(box -> box.startsWith(added.id() + ":")));
        collectConsoleErrors();
    }

    @Test
    @Order(5)
    void thePageLoggedNoErrors() {
        collectConsoleErrors();
        assertThat(consoleErrors).isEmpty();
    }

    private static List<String> ids(Service service) {
        return stack.instances(service).stream().map(AppInstance::id).toList();
    }

    private static List<String> seriesWithTraffic(String service) {
        return strings(browser.executeScript(SERIES_WITH_TRAFFIC, service));
    }

    private static List<String> strings(Object fromScript) {
        List<String> strings = new ArrayList<>();
        if (fromScript instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }

    private static void collectConsoleErrors() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.toString());
            }
        }
    }

    private static void screenshot() throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "dashboard.png"), png);
        if (Boolean.getBoolean("learnscale.dashboard.screenshot")) {
            Path readme = stack.options().home().resolve("docs/images/dashboard.png");
            Files.createDirectories(readme.getParent());
            Files.write(readme, png);
        }
    }

    private static ChromeDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }

    /**
     * Reads through the gateway, one after the other, about ten a second: enough for every instance to show, well
     * within one client's read budget (50/s), so the rate limit tests that follow start from a full bucket.
     */
    private static final class Reads {

        private static final List<String> PATHS = List.of(
                "/api/topics",
                "/api/topics/horizontal-scaling",
                "/api/quizzes/scaling-techniques",
                "/api/search?q=scaling",
                "/api/sections");

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Reads(String gateway) {
            this.thread = Thread.ofVirtual().name("dashboard-reads").start(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        Http.get(gateway + PATHS.get(i % PATHS.size()));
                        Thread.sleep(100);
                    } catch (InterruptedException stopped) {
                        return;
                    } catch (RuntimeException failed) {
                        // a read that failed is the page's to show, not this loop's to stop on
                    }
                }
            });
        }

        static Reads start(String gateway) {
            return new Reads(gateway);
        }

        void stop() {
            running.set(false);
            thread.interrupt();
        }
    }
}
