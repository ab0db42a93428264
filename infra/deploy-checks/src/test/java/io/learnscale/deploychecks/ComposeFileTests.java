package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the apps and DESIGN (Instances, ports, health; Finding instances), without Docker. */
class ComposeFileTests {

    /** The only host ports: the ones a user opens (the API, Grafana, Prometheus). */
    private static final Map<String, Set<Integer>> PUBLISHED =
            Map.of("gateway", Set.of(8080), "grafana", Set.of(3000), "prometheus", Set.of(9090));

    /** Replicas per app as the issue asks: two of each stateless service, one search-service, one gateway. */
    private static final Map<String, Integer> REPLICAS =
            Map.of("gateway", 1, "content-service", 2, "quiz-service", 2, "search-service", 1);

    private final Compose compose = Compose.load();

    @Test
    void everyServiceHasAHealthcheck() {
        SoftAssertions softly = new SoftAssertions();
        compose.services().forEach((name, service) -> {
            Object healthcheck = service.get("healthcheck");
            softly.assertThat(healthcheck).as("%s healthcheck", name).isInstanceOf(Map.class);
            if (healthcheck instanceof Map<?, ?> check) {
                softly.assertThat(check.get("disable"))
                        .as("%s healthcheck disabled", name)
                        .isNotEqualTo(true);
                softly.assertThat(check.get("test"))
                        .as("%s healthcheck test", name)
                        .isInstanceOf(List.class);
                softly.assertThat(String.valueOf(check.get("test")))
                        .as("%s healthcheck test", name)
                        .doesNotContain("NONE");
            }
        });
        softly.assertAll();
    }

    @Test
    void appsAreHealthyWhenTheirManagementPortsReadinessAnswers200() {
        SoftAssertions softly = new SoftAssertions();
        compose.builtServices().forEach((name, service) -> {
            String test = String.valueOf(Compose.at(service, "healthcheck.test"));
            String managementPort = compose.environment(name).get("MANAGEMENT_SERVER_PORT");
            softly.assertThat(test).as("%s healthcheck", name).contains("/dev/tcp/127.0.0.1/" + managementPort + " ");
            softly.assertThat(test).as("%s healthcheck", name).contains(Health.READINESS);
            softly.assertThat(test)
                    .as("%s healthcheck reads the status line", name)
                    .contains(" 200");
            softly.assertThat(Health.groupsOf(App.of(module(service))))
                    .as("%s health groups", name)
                    .contains("readiness");
        });
        softly.assertAll();
    }

    @Test
    void noServiceHasAContainerName() {
        compose.services()
                .forEach((name, service) -> assertThat(service)
                        .as("%s (a fixed name makes --scale impossible)", name)
                        .doesNotContainKey("container_name"));
    }

    @Test
    void onlyTheGatewayGrafanaAndPrometheusPublishHostPorts() {
        SoftAssertions softly = new SoftAssertions();
        compose.services()
                .keySet()
                .forEach(name -> softly.assertThat(compose.publishedPorts(name))
                        .as("host ports of %s", name)
                        .isEqualTo(PUBLISHED.getOrDefault(name, Set.of())));
        softly.assertAll();
    }

    @Test
    void everyServicesLogRollsAtASizeAndKeepsAFewFiles() {
        SoftAssertions softly = new SoftAssertions();
        compose.services().forEach((name, service) -> {
            softly.assertThat(Compose.at(service, "logging.driver"))
                    .as("%s log driver (json-file keeps everything unless told otherwise)", name)
                    .isEqualTo("json-file");
            // strings: older Compose versions refuse max-file: 5 and take max-file: "5"
            softly.assertThat(Compose.at(service, "logging.options.max-size"))
                    .as("%s logging.options.max-size", name)
                    .asInstanceOf(InstanceOfAssertFactories.STRING)
                    .matches("\\d+[km]");
            softly.assertThat(Compose.at(service, "logging.options.max-file"))
                    .as("%s logging.options.max-file", name)
                    .asInstanceOf(InstanceOfAssertFactories.STRING)
                    .matches("\\d+");
        });
        softly.assertAll();
    }

    @Test
    void appsHaveReplicasAndEveryServiceHasCpuAndMemoryLimits() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(compose.builtServices().keySet()).isEqualTo(REPLICAS.keySet());
        compose.builtServices()
                .forEach((name, service) -> softly.assertThat(Compose.at(service, "deploy.replicas"))
                        .as("%s deploy.replicas", name)
                        .isEqualTo(REPLICAS.get(name)));
        compose.services().forEach((name, service) -> {
            Object cpus = Compose.at(service, "deploy.resources.limits.cpus");
            Object memory = Compose.at(service, "deploy.resources.limits.memory");
            softly.assertThat(cpus).as("%s cpu limit", name).isNotNull();
            softly.assertThat(memory).as("%s memory limit", name).isNotNull();
            if (cpus != null) {
                softly.assertThat(Double.parseDouble(Compose.interpolate(cpus)))
                        .as("%s cpus", name)
                        .isBetween(0.1, 2.0);
            }
            if (memory != null) {
                softly.assertThat(Compose.interpolate(memory))
                        .as("%s memory", name)
                        .matches("\\d+[MG]");
            }
        });
        softly.assertAll();
    }

    @Test
    void everyVariableAnAppReadsIsSet() {
        SoftAssertions softly = new SoftAssertions();
        compose.builtServices().forEach((name, service) -> {
            App app = App.of(module(service));
            Set<String> missing = new TreeSet<>(app.variables());
            missing.removeAll(ImageRecipe.variables());
            missing.removeAll(compose.environment(name).keySet());
            softly.assertThat(missing)
                    .as("variables %s reads (application.yml) that compose does not set", name)
                    .isEmpty();
        });
        softly.assertAll();
    }

    @Test
    void everyVariableSetIsOneTheAppHas() {
        SoftAssertions softly = new SoftAssertions();
        compose.builtServices()
                .forEach((name, service) -> softly.assertThat(Variables.unknown(
                                App.of(module(service)),
                                compose.environment(name).keySet()))
                        .as("variables compose sets for %s that it does not read", name)
                        .isEmpty());
        softly.assertAll();
    }

    @Test
    void everyReplicaKeepsTheInstanceIdTheImageGivesIt() {
        assertThat(ImageRecipe.variables()).contains("LEARNSCALE_INSTANCE_ID");
        assertThat(ImageRecipe.text()).contains("LEARNSCALE_INSTANCE_ID:-$(hostname)");
        compose.builtServices()
                .keySet()
                .forEach(name -> assertThat(compose.environment(name))
                        .as("%s: one value for every replica would make their ids collide", name)
                        .doesNotContainKey("LEARNSCALE_INSTANCE_ID"));
    }

    @Test
    void springBootPropertyVariablesSetTheirProperties() {
        SoftAssertions softly = new SoftAssertions();
        compose.builtServices().forEach((name, service) -> {
            App app = App.of(module(service));
            compose.environment(name).forEach((variable, value) -> {
                Variables.BootProperty property = Variables.propertyOf(app, variable);
                if (property != null) {
                    softly.assertThat(Variables.bound(variable, value, property))
                            .as("%s: %s binds to %s", name, variable, property)
                            .isEqualTo(value);
                }
            });
        });
        softly.assertAll();
    }

    @Test
    void appsListenOnThePortsTheGatewayAndPrometheusUse() {
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> gateway = compose.environment("gateway");
        compose.builtServices().keySet().forEach(name -> {
            Map<String, String> environment = compose.environment(name);
            softly.assertThat(environment.get("SERVER_PORT"))
                    .as("%s SERVER_PORT", name)
                    .isEqualTo("8080");
            softly.assertThat(environment.get("MANAGEMENT_SERVER_PORT"))
                    .as("%s MANAGEMENT_SERVER_PORT", name)
                    .isEqualTo("8081");
        });
        softly.assertThat(gateway.get("LEARNSCALE_DNS_PORT")).isEqualTo("8080");
        softly.assertThat(gateway.get("LEARNSCALE_DNS_MANAGEMENT_PORT")).isEqualTo("8081");
        softly.assertAll();
    }

    @Test
    void theGatewayFindsEveryServiceByItsComposeName() {
        Map<String, String> gateway = compose.environment("gateway");
        assertThat(gateway.get("LEARNSCALE_INSTANCES_FILE"))
                .as("blank: DNS discovery")
                .isBlank();
        Map<String, String> names = new TreeMap<>();
        gateway.forEach((variable, value) -> {
            if (variable.endsWith("_DNS_NAME")) {
                names.put(variable, value);
            }
        });
        assertThat(names)
                .containsEntry("CONTENT_SERVICE_DNS_NAME", "content-service")
                .containsEntry("QUIZ_SERVICE_DNS_NAME", "quiz-service")
                .containsEntry("SEARCH_SERVICE_DNS_NAME", "search-service");
        names.values().forEach(service -> assertThat(compose.services()).containsKey(service));
    }

    @Test
    void dependsOnWaitsForHealthyServices() {
        SoftAssertions softly = new SoftAssertions();
        compose.services().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            softly.assertThat(dependsOn).as("%s depends_on (long form)", name).isInstanceOf(Map.class);
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, condition) -> {
                    softly.assertThat(compose.services())
                            .as("%s depends on", name)
                            .containsKey((String) dependency);
                    softly.assertThat(condition instanceof Map<?, ?> c ? c.get("condition") : null)
                            .as("%s depends_on %s", name, dependency)
                            .isEqualTo("service_healthy");
                });
            }
        });
        softly.assertAll();
    }

    @Test
    void appsWaitForTheServersTheyAreGiven() {
        SoftAssertions softly = new SoftAssertions();
        compose.builtServices().forEach((name, service) -> {
            Map<String, String> environment = compose.environment(name);
            Set<String> servers = new TreeSet<>();
            if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                for (String server : environment.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
                    servers.add(server.split(":")[0]);
                }
            }
            if (environment.containsKey("REDIS_HOST")) {
                servers.add(environment.get("REDIS_HOST"));
            }
            if (environment.containsKey("DATABASE_URL")) {
                servers.add(URI.create(environment.get("DATABASE_URL").substring("jdbc:".length()))
                        .getHost());
            }
            Object dependsOn = service.get("depends_on");
            Set<String> waitsFor = dependsOn instanceof Map<?, ?> map ? toStrings(map.keySet()) : Set.of();
            softly.assertThat(waitsFor)
                    .as("%s waits for the servers it is given", name)
                    .containsAll(servers);
        });
        softly.assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                .isEqualTo("PLAINTEXT://kafka:9092");
        softly.assertThat(compose.environment("content-service").get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("kafka:9092");
        softly.assertAll();
    }

    @Test
    void kafkaIsOneKraftNodeWithAClusterIdItCanFormat() {
        Map<String, String> kafka = compose.environment("kafka");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(Base64.getUrlDecoder().decode(kafka.get("CLUSTER_ID")))
                .as("CLUSTER_ID: a UUID in base64url, as kafka-storage format requires")
                .hasSize(16);
        Matcher controller = Pattern.compile("CONTROLLER://:(\\d+)").matcher(kafka.get("KAFKA_LISTENERS"));
        assertThat(controller.find()).isTrue();
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .isEqualTo(kafka.get("KAFKA_NODE_ID") + "@kafka:" + controller.group(1));
        assertThat(kafka.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"))
                .as("one broker")
                .isEqualTo("1");
    }

    @Test
    void buildsUseThisRepositorysDockerfileAndModules() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(ImageRecipe.arguments()).contains("MODULE");
        compose.builtServices().forEach((name, service) -> {
            Path context = Repository.ROOT
                    .resolve(String.valueOf(Compose.at(service, "build.context")))
                    .normalize();
            softly.assertThat(context).as("%s build context", name).isEqualTo(Repository.ROOT);
            softly.assertThat(context.resolve(String.valueOf(Compose.at(service, "build.dockerfile"))))
                    .as("%s Dockerfile", name)
                    .isEqualTo(Repository.file(ImageRecipe.PATH))
                    .isRegularFile();
            String module = module(service);
            softly.assertThat(module).as("%s build arg MODULE", name).isEqualTo(name);
            softly.assertThat(Repository.file(module).resolve("pom.xml"))
                    .as("%s module", name)
                    .isRegularFile();
            softly.assertThat(service.get("image")).as("%s image", name).isEqualTo("learnscale/" + name + ":dev");
        });
        softly.assertAll();
    }

    @Test
    void everyMountedFileOrDirectoryExists() {
        SoftAssertions softly = new SoftAssertions();
        compose.services().forEach((name, service) -> {
            if (service.get("volumes") instanceof List<?> volumes) {
                for (Object volume : volumes) {
                    String source = String.valueOf(volume).split(":")[0];
                    if (source.startsWith(".")) {
                        softly.assertThat(Files.exists(Repository.ROOT.resolve(source)))
                                .as("%s mounts %s", name, source)
                                .isTrue();
                    } else {
                        softly.assertThat(Compose.asMap(compose.file().get("volumes")))
                                .as("%s uses volume %s", name, source)
                                .containsKey(source);
                    }
                }
            }
        });
        softly.assertAll();
    }

    @Test
    void postgresCreatesADatabaseForEveryServiceThatUsesOne() {
        Path init = Repository.file("infra/postgres/init");
        assertThat(String.valueOf(compose.service("postgres").get("volumes")))
                .contains("./infra/postgres/init:/docker-entrypoint-initdb.d");
        StringBuilder scripts = new StringBuilder();
        try (var files = Files.list(init)) {
            files.filter(file -> file.toString().endsWith(".sql"))
                    .forEach(file -> scripts.append(Repository.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        compose.builtServices().keySet().forEach(name -> {
            String url = compose.environment(name).get("DATABASE_URL");
            if (url != null) {
                String database =
                        URI.create(url.substring("jdbc:".length())).getPath().substring(1);
                assertThat(scripts.toString()).as("%s database", name).contains("CREATE DATABASE " + database + ";");
                assertThat(compose.environment(name).get("DATABASE_USER"))
                        .isEqualTo(compose.environment("postgres").get("POSTGRES_USER"));
                assertThat(compose.environment(name).get("DATABASE_PASSWORD"))
                        .isEqualTo(compose.environment("postgres").get("POSTGRES_PASSWORD"));
            }
        });
    }

    @Test
    void infrastructureImagesAreTheOnesTheTestsUse() {
        String pom = Repository.read("pom.xml");
        assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:4.1.2");
        Map.of("kafka", "kafka.image", "redis", "redis.image", "postgres", "postgres.image")
                .forEach((service, property) -> {
                    Matcher image = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)<")
                            .matcher(pom);
                    assertThat(image.find())
                            .as("root pom property %s", property)
                            .isTrue();
                    assertThat(compose.service(service).get("image"))
                            .as(service)
                            .isEqualTo(image.group(1));
                });
    }

    @Test
    void theDemoJwtSecretIsLongEnoughForHs256() {
        String secret = compose.variableDefaults().get("LEARNSCALE_JWT_SECRET");
        assertThat(secret)
                .as("demo default of LEARNSCALE_JWT_SECRET")
                .isNotNull()
                .contains("DEMO");
        assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);
        compose.builtServices()
                .keySet()
                .forEach(name ->
                        assertThat(compose.environment(name)).as(name).containsEntry("LEARNSCALE_JWT_SECRET", secret));
    }

    @Test
    void theTracingBackendRunsOnlyUnderItsProfile() {
        SoftAssertions softly = new SoftAssertions();
        compose.services()
                .forEach((name, service) -> softly.assertThat(service.get("profiles"))
                        .as("%s profiles", name)
                        .isEqualTo(name.equals("jaeger") ? List.of("tracing") : null));
        softly.assertAll();
    }

    @Test
    void prometheusAndGrafanaGetTheirProvisioning() {
        assertThat(String.valueOf(compose.service("prometheus").get("volumes")))
                .contains("./infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
        assertThat(String.valueOf(compose.service("prometheus").get("command")))
                .contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(String.valueOf(compose.service("grafana").get("volumes")))
                .contains("./infra/grafana/provisioning:/etc/grafana/provisioning")
                .contains("./infra/grafana/dashboards:" + GrafanaProvisioningTests.DASHBOARDS_IN_CONTAINER);
        assertThat(compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(GrafanaProvisioningTests.DASHBOARDS_IN_CONTAINER + "/"
                        + GrafanaProvisioningTests.DASHBOARD_FILE);
    }

    static String module(Map<String, Object> service) {
        return String.valueOf(Compose.at(service, "build.args.MODULE"));
    }

    private static Set<String> toStrings(Set<?> values) {
        Set<String> strings = new TreeSet<>();
        values.forEach(value -> strings.add(String.valueOf(value)));
        return strings;
    }
}
