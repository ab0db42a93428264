package io.learnscale.launcher;

import io.learnscale.launcher.app.AppInstance;
import io.learnscale.launcher.app.AppJar;
import io.learnscale.launcher.app.InstanceLogs;
import io.learnscale.launcher.app.Service;
import io.learnscale.launcher.files.Directories;
import io.learnscale.launcher.server.BackingServer;
import io.learnscale.launcher.server.KafkaServer;
import io.learnscale.launcher.server.PostgresServer;
import io.learnscale.launcher.server.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system on this machine, without Docker: real PostgreSQL, Redis and Kafka, then the gateway and every
 * service instance, each in its own JVM. This is the API the tests use as well as the command line.
 */
public final class Stack implements AutoCloseable {

    /** How long a new instance may take to report ready on a busy two-core machine. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    /** Time the gateway gets to notice a removed instance before it is stopped. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final StackOptions options;
    private final ProgressLog progress;
    private final Map<Service, AppJar> jars;
    private final Ports ports;
    private final Path logs;
    private final Path temp;
    private final PostgresServer postgres;
    private final RedisServer redis;
    private final KafkaServer kafka;
    private final InstancesFile instancesFile;
    private final String jwtSecret;
    private final Map<String, AppInstance> instances = new TreeMap<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private Stack(StackOptions options, ProgressLog progress, Map<Service, AppJar> jars) {
        this.options = options;
        this.progress = progress;
        this.jars = jars;
        this.ports = new Ports(options.freePorts());
        Path data = options.dataDirectory().toAbsolutePath();
        if (options.clean()) {
            Directories.deleteRecursively(data);
        }
        this.logs = createDirectories(data.resolve("logs"));
        this.temp = createDirectories(data.resolve("tmp"));
        this.postgres = new PostgresServer(
                data.resolve("postgres"),
                ports.take(15432, "PostgreSQL"),
                Stream.of(Service.values()).flatMap(s -> s.database().stream()).toList());
        this.redis = new RedisServer(data.resolve("redis"), ports.take(16379, "Redis"));
        this.kafka = new KafkaServer(
                data.resolve("kafka"),
                ports.take(19092, "Kafka"),
                ports.take(19093, "Kafka controller"),
                Launch.kafkaClasspath(options.home()),
                logs.resolve("kafka.log"));
        this.instancesFile = new InstancesFile(data.resolve("instances.json"));
        this.jwtSecret = JwtSecret.forStack(data);
    }

    /** Starts everything and returns once every instance is ready. */
    public static Stack start(StackOptions options, ProgressLog progress) {
        Map<Service, AppJar> jars = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            jars.put(
                    service,
                    AppJar.of(
                            Launch.jar(options.home(), service),
                            options.writeArchives(),
                            jar -> progress.say("Extracting " + jar.getFileName() + " (new build)")));
        }
        Stack stack = new Stack(options, progress, jars);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        progress.say("Starting PostgreSQL, Redis and Kafka");
        CompletableFuture.allOf(Stream.of(postgres, redis, kafka)
                        .map(server -> CompletableFuture.runAsync(() -> {
                            server.start();
                            progress.say("%s ready on 127.0.0.1:%d".formatted(server.name(), server.port()));
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
        instancesFile.write(List.of());

        List<AppInstance> starting = new ArrayList<>();
        starting.add(launch(Service.GATEWAY, 1));
        for (Service service : List.of(Service.CONTENT, Service.QUIZ, Service.SEARCH)) {
            for (int n = 1; n <= options.instances(service); n++) {
                starting.add(launch(service, n));
            }
        }
        progress.say("Starting " + starting.size() + " app instances");
        awaitReady(starting);
        supervisor.scheduleWithFixedDelay(this::forgetExited, 1, 1, TimeUnit.SECONDS);
    }

    private AppInstance launch(Service service, int number) {
        int port = service == Service.GATEWAY
                ? ports.take(options.gatewayPort(), "gateway")
                : ports.take(service.basePort() + number, service.instanceId(number));
        int managementPort = ports.take(
                service == Service.GATEWAY ? service.baseManagementPort() : service.baseManagementPort() + number,
                service.instanceId(number) + " management");
        AppInstance instance = AppInstance.start(
                service,
                number,
                port,
                managementPort,
                jars.get(service),
                environment(service),
                InstanceLogs.standard(logs, service.instanceId(number)),
                temp.resolve(service.instanceId(number)));
        synchronized (this) {
            instances.put(instance.id(), instance);
            instancesFile.write(instances.values());
        }
        return instance;
    }

    private Map<String, String> environment(Service service) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(redis.port()));
        service.database().ifPresent(database -> {
            environment.put("DATABASE_URL", postgres.jdbcUrl(database));
            environment.put("DATABASE_USER", PostgresServer.USER);
            environment.put("DATABASE_PASSWORD", PostgresServer.USER);
            environment.put("DATABASE_POOL_SIZE", "5");
        });
        environment.put("LEARNSCALE_INSTANCES_FILE", instancesFile.path().toString());
        environment.put("LEARNSCALE_JWT_SECRET", jwtSecret);
        environment.put("SPRING_PROFILES_ACTIVE", options.benchmark() ? "local,benchmark" : "local");
        return environment;
    }

    private void awaitReady(List<AppInstance> starting) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<AppInstance> waiting = new ArrayList<>(starting);
        while (!waiting.isEmpty()) {
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                AppInstance instance = iterator.next();
                if (!instance.alive()) {
                    throw new IllegalStateException(instance.exitedWhileStarting());
                }
                if (instance.ready()) {
                    progress.say("%s ready at %s".formatted(instance.id(), instance.url()));
                    iterator.remove();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready within %d s: %s"
                        .formatted(
                                READY_TIMEOUT.toSeconds(),
                                waiting.stream().map(AppInstance::id).toList()));
            }
            pause(Duration.ofMillis(250));
        }
    }

    /** An instance that died (a crash, {@code kill -9}) leaves instances.json, as it would leave a registry. */
    private void forgetExited() {
        List<AppInstance> exited;
        synchronized (this) {
            exited = instances.values().stream().filter(i -> !i.alive()).toList();
            if (exited.isEmpty()) {
                return;
            }
            exited.forEach(i -> instances.remove(i.id()));
            instancesFile.write(instances.values());
        }
        exited.forEach(i -> {
            ports.release(i.port());
            ports.release(i.managementPort());
            progress.say("%s exited (code %d) and left instances.json".formatted(i.id(), i.exitCode()));
        });
    }

    /** Adds or removes instances of a backend service until it runs {@code count}; returns once they are ready. */
    public List<AppInstance> scale(Service service, int count) {
        if (service == Service.GATEWAY) {
            throw new IllegalArgumentException("The gateway runs once locally; scale the services behind it.");
        }
        if (count < 0 || count > 20) {
            throw new IllegalArgumentException("Between 0 and 20 instances, please.");
        }
        while (instances(service).size() < count) {
            addInstance(service);
        }
        while (instances(service).size() > count) {
            List<AppInstance> running = instances(service);
            stopInstance(running.getLast().id());
        }
        return instances(service);
    }

    /** Starts one more instance of a service, with the lowest free number, and waits until it is ready. */
    public AppInstance addInstance(Service service) {
        int number;
        synchronized (this) {
            var taken = instances(service).stream().map(AppInstance::number).toList();
            number = 1;
            while (taken.contains(number)) {
                number++;
            }
        }
        AppInstance instance = launch(service, number);
        progress.say("Starting " + instance.id());
        awaitReady(List.of(instance));
        return instance;
    }

    /** Takes an instance out of instances.json, lets the gateway notice, then stops it gracefully. */
    public void stopInstance(String id) {
        AppInstance instance;
        synchronized (this) {
            instance = instances.remove(id);
            if (instance == null) {
                throw new IllegalArgumentException("No instance " + id);
            }
            instancesFile.write(instances.values());
        }
        pause(DRAIN);
        instance.stop();
        ports.release(instance.port());
        ports.release(instance.managementPort());
        progress.say("Stopped " + id);
    }

    /** {@code kill -9}: the instance gets no chance to deregister or finish its requests. */
    public void killInstance(String id) {
        AppInstance instance = instance(id);
        instance.kill();
        progress.say("Killed " + id + " (SIGKILL)");
    }

    public synchronized AppInstance instance(String id) {
        AppInstance instance = instances.get(id);
        if (instance == null) {
            throw new IllegalArgumentException("No instance " + id);
        }
        return instance;
    }

    public synchronized List<AppInstance> instances(Service service) {
        return instances.values().stream()
                .filter(i -> i.service() == service)
                .sorted(Comparator.comparingInt(AppInstance::number))
                .toList();
    }

    public synchronized List<AppInstance> instances() {
        return instances.values().stream()
                .sorted(Comparator.comparing(AppInstance::service).thenComparingInt(AppInstance::number))
                .toList();
    }

    public String gatewayUrl() {
        return instances(Service.GATEWAY).getFirst().url();
    }

    /** Where every instance, and Kafka, writes its log file. */
    public Path logsDirectory() {
        return logs;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public RedisServer redis() {
        return redis;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public List<BackingServer> servers() {
        return List.of(postgres, redis, kafka);
    }

    /** The HS256 key every app of this stack checks tokens with. */
    public String jwtSecret() {
        return jwtSecret;
    }

    public Path instancesFile() {
        return instancesFile.path();
    }

    public StackOptions options() {
        return options;
    }

    /** Stops every instance, then the servers; leaves no process behind. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.shutdownNow();
        List<AppInstance> running;
        synchronized (this) {
            running = List.copyOf(instances.values());
            instances.clear();
        }
        CompletableFuture.allOf(running.stream()
                        .map(instance -> CompletableFuture.runAsync(instance::stop))
                        .toArray(CompletableFuture[]::new))
                .join();
        for (BackingServer server : List.of(kafka, redis, postgres)) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                progress.say("Stopping %s failed: %s".formatted(server.name(), e.getMessage()));
            }
        }
        try {
            Files.deleteIfExists(instancesFile.path());
        } catch (IOException ignored) {
            // nothing reads it any more
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
