package io.learnscale.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** infra/k8s against the apps and DESIGN (Instances, ports, health; Finding instances), without a cluster. */
class KubernetesManifestsTests {

    private static final String NAME_LABEL = "app.kubernetes.io/name";

    /** Services the gateway's DNS discovery resolves: headless, so the name resolves to every ready pod. */
    private static final List<String> DISCOVERED = List.of("content-service", "quiz-service", "search-service");

    /** The Deployments scaled by a CPU HorizontalPodAutoscaler; search-service is scaled by KEDA on lag. */
    private static final Set<String> CPU_SCALED = Set.of("gateway", "content-service", "quiz-service");

    private static final String SCALED_OBJECT = "keda.sh/v1alpha1/ScaledObject";

    private final Manifests manifests = Manifests.load();
    private final Compose compose = Compose.load();

    @Test
    void kustomizationListsEveryManifestInTheDirectory() throws Exception {
        Set<String> files;
        try (Stream<Path> listing = Files.list(Manifests.directory())) {
            files = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.startsWith("kustomization."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(new TreeSet<>(Manifests.resourceFiles())).isEqualTo(files);
        assertThat(Manifests.kustomization()).containsEntry("namespace", "learnscale");
        assertThat(manifests.find(Namespace.class, "learnscale")).isPresent();
    }

    @Test
    void resourcesUseTheStableApiVersions() {
        SoftAssertions softly = new SoftAssertions();
        manifests.all().forEach(resource -> {
            String expected = switch (resource.getKind()) {
                case "Deployment" -> "apps/v1";
                case "HorizontalPodAutoscaler" -> "autoscaling/v2";
                case "PodDisruptionBudget" -> "policy/v1";
                case "ScaledObject" -> "keda.sh/v1alpha1";
                default -> "v1";
            };
            softly.assertThat(resource.getApiVersion()).as(describe(resource)).isEqualTo(expected);
        });
        softly.assertThat(manifests.all(Deployment.class)).hasSize(Repository.APPS.size());
        softly.assertThat(manifests.all(HorizontalPodAutoscaler.class)).hasSize(CPU_SCALED.size());
        softly.assertAll();
    }

    @Test
    void noManifestHasAFieldKubernetesDoesNotKnow() {
        SoftAssertions softly = new SoftAssertions();
        manifests
                .all()
                .forEach(resource -> softly.assertThat(UnknownFields.in(resource))
                        .as("unknown fields in %s", describe(resource))
                        .isEmpty());
        softly.assertAll();
    }

    @Test
    void everyAppHasADeploymentWithItsImage() {
        Set<String> kustomizedImages = new TreeSet<>();
        if (Manifests.kustomization().get("images") instanceof List<?> images) {
            images.forEach(image -> kustomizedImages.add(String.valueOf(((Map<?, ?>) image).get("name"))));
        }
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            Container container = manifests.container(app);
            String composeImage = String.valueOf(compose.service(app).get("image"));
            softly.assertThat(container.getImage())
                    .as("%s image (as compose builds it)", app)
                    .isEqualTo(composeImage);
            softly.assertThat(kustomizedImages).as("kustomization images").contains("learnscale/" + app);
            softly.assertThat(Repository.file(app).resolve("pom.xml"))
                    .as("%s module", app)
                    .isRegularFile();
        }
        softly.assertThat(kustomizedImages.size()).isEqualTo(Repository.APPS.size());
        softly.assertAll();
    }

    @Test
    void containersExposeThePublicAndManagementPortsTheyListenOn() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            Map<String, Integer> ports = ports(manifests.container(app));
            Map<String, String> environment = manifests.environment(app);
            softly.assertThat(ports).as("%s container ports", app).isEqualTo(Map.of("http", 8080, "management", 8081));
            softly.assertThat(environment.get("SERVER_PORT"))
                    .as("%s SERVER_PORT", app)
                    .isEqualTo("8080");
            softly.assertThat(environment.get("MANAGEMENT_SERVER_PORT"))
                    .as("%s MANAGEMENT_SERVER_PORT", app)
                    .isEqualTo("8081");
        }
        softly.assertAll();
    }

    @Test
    void probesAskTheManagementPortsHealthGroups() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            App configuration = App.of(app);
            Container container = manifests.container(app);
            Map<String, Integer> ports = ports(container);
            String readiness = Health.groupPath(configuration, "readiness");
            String liveness = Health.groupPath(configuration, "liveness");
            softly.assertThat(readiness).as("%s has a readiness group", app).isEqualTo(Health.READINESS);
            softly.assertThat(liveness).as("%s has a liveness group", app).isEqualTo(Health.LIVENESS);
            checkProbe(softly, app + " readinessProbe", container.getReadinessProbe(), readiness, ports);
            checkProbe(softly, app + " livenessProbe", container.getLivenessProbe(), liveness, ports);
            if (container.getStartupProbe() != null) {
                checkProbe(softly, app + " startupProbe", container.getStartupProbe(), liveness, ports);
            }
        }
        softly.assertAll();
    }

    @Test
    void everyVariableAnAppReadsIsSet() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            Set<String> missing = new TreeSet<>(App.of(app).variables());
            missing.removeAll(manifests.environment(app).keySet());
            softly.assertThat(missing)
                    .as("variables %s reads that its Deployment does not set", app)
                    .isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyVariableSetIsOneTheAppHas() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            softly.assertThat(Variables.unknown(
                            App.of(app), manifests.environment(app).keySet()))
                    .as("variables the %s Deployment sets that it does not read", app)
                    .isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void springBootPropertyVariablesSetTheirProperties() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            App configuration = App.of(app);
            manifests.environment(app).forEach((variable, value) -> {
                Variables.BootProperty property = Variables.propertyOf(configuration, variable);
                if (property != null) {
                    softly.assertThat(Variables.bound(variable, value, property))
                            .as("%s: %s binds to %s", app, variable, property)
                            .isEqualTo(value);
                }
            });
        }
        softly.assertAll();
    }

    @Test
    void theInstanceIdIsThePodName() {
        for (String app : Repository.APPS) {
            assertThat(manifests.environment(app))
                    .as(app)
                    .containsEntry("LEARNSCALE_INSTANCE_ID", "fieldRef:metadata.name");
        }
    }

    @Test
    void theGatewayFindsTheServicesThroughHeadlessServices() {
        Map<String, String> gateway = manifests.environment("gateway");
        assertThat(gateway.get("LEARNSCALE_INSTANCES_FILE"))
                .as("blank: DNS discovery")
                .isBlank();
        assertThat(gateway)
                .containsEntry("CONTENT_SERVICE_DNS_NAME", "content-service")
                .containsEntry("QUIZ_SERVICE_DNS_NAME", "quiz-service")
                .containsEntry("SEARCH_SERVICE_DNS_NAME", "search-service")
                .containsEntry("LEARNSCALE_DNS_PORT", "8080")
                .containsEntry("LEARNSCALE_DNS_MANAGEMENT_PORT", "8081");
        SoftAssertions softly = new SoftAssertions();
        for (String name : DISCOVERED) {
            Service service = manifests.get(Service.class, name);
            softly.assertThat(service.getSpec().getClusterIP())
                    .as("%s clusterIP", name)
                    .isEqualTo("None");
            softly.assertThat(service.getSpec().getSelector())
                    .as("%s selector", name)
                    .isEqualTo(podLabels(name));
            softly.assertThat(servicePorts(service, manifests.container(name)))
                    .as("%s ports", name)
                    .isEqualTo(Map.of(8080, 8080, 8081, 8081));
        }
        softly.assertAll();
    }

    @Test
    void theGatewayHasAServiceOnItsPublicPort() {
        Service gateway = manifests.get(Service.class, "gateway");
        assertThat(gateway.getSpec().getClusterIP()).isNull();
        assertThat(gateway.getSpec().getSelector()).isEqualTo(podLabels("gateway"));
        assertThat(servicePorts(gateway, manifests.container("gateway"))).isEqualTo(Map.of(8080, 8080));
        assertThat(manifests.all(Service.class)).hasSize(DISCOVERED.size() + 1);
    }

    @Test
    void everyContainerHasResourceRequestsAndLimits() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            ResourceRequirements resources = manifests.container(app).getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests() == null
                        ? null
                        : resources.getRequests().get(resource);
                Quantity limit = resources.getLimits() == null
                        ? null
                        : resources.getLimits().get(resource);
                softly.assertThat(request).as("%s %s request", app, resource).isNotNull();
                softly.assertThat(limit).as("%s %s limit", app, resource).isNotNull();
                if (request != null && limit != null) {
                    softly.assertThat(request.getNumericalAmount())
                            .as("%s %s request <= limit", app, resource)
                            .isLessThanOrEqualTo(limit.getNumericalAmount());
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void podsRunAsTheImagesNonRootUser() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            var pod = manifests.deployment(app).getSpec().getTemplate().getSpec();
            softly.assertThat(pod.getSecurityContext().getRunAsNonRoot())
                    .as("%s runAsNonRoot", app)
                    .isTrue();
            softly.assertThat(ImageRecipe.text())
                    .as("the image's user has the uid the pods run as")
                    .contains("--uid " + pod.getSecurityContext().getRunAsUser());
            softly.assertThat(manifests.container(app).getSecurityContext().getAllowPrivilegeEscalation())
                    .as("%s allowPrivilegeEscalation", app)
                    .isFalse();
        }
        softly.assertAll();
    }

    @Test
    void podsAreScrapedOnTheirManagementPort() {
        for (String app : Repository.APPS) {
            assertThat(manifests
                            .deployment(app)
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations())
                    .as(app)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8081")
                    .containsEntry("prometheus.io/path", Health.PROMETHEUS);
            assertThat(Health.exposedEndpoints(App.of(app))).as(app).contains("prometheus", "health");
        }
    }

    @Test
    void horizontalPodAutoscalersScaleExistingDeploymentsOnCpu() {
        SoftAssertions softly = new SoftAssertions();
        Set<String> targets = new TreeSet<>();
        for (HorizontalPodAutoscaler autoscaler : manifests.all(HorizontalPodAutoscaler.class)) {
            var spec = autoscaler.getSpec();
            String target = spec.getScaleTargetRef().getName();
            targets.add(target);
            softly.assertThat(spec.getScaleTargetRef().getKind())
                    .as("%s target kind", target)
                    .isEqualTo("Deployment");
            softly.assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
            softly.assertThat(manifests.find(Deployment.class, target))
                    .as("target %s", target)
                    .isPresent();
            softly.assertThat(spec.getMinReplicas())
                    .as("%s minReplicas", target)
                    .isGreaterThanOrEqualTo(2);
            softly.assertThat(spec.getMaxReplicas())
                    .as("%s maxReplicas", target)
                    .isGreaterThan(spec.getMinReplicas());
            softly.assertThat(spec.getMetrics()).as("%s metrics", target).hasSize(1);
            MetricSpec metric = spec.getMetrics().getFirst();
            softly.assertThat(metric.getType()).isEqualTo("Resource");
            softly.assertThat(metric.getResource().getName()).isEqualTo("cpu");
            softly.assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
            softly.assertThat(metric.getResource().getTarget().getAverageUtilization())
                    .isBetween(50, 90);
        }
        softly.assertThat(targets).isEqualTo(CPU_SCALED);
        softly.assertAll();
    }

    @Test
    void autoscalersOwnTheReplicaCount() {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(deployment.getSpec().getReplicas())
                    .as(
                            "%s: replicas in the manifest would reset the autoscaler's count on every apply",
                            deployment.getMetadata().getName())
                    .isNull();
        }
    }

    @Test
    void kedaScalesSearchServiceOnTheAnalyticsGroupsLagUpToThePartitionCount() {
        GenericKubernetesResource scaled = scaledObject();
        Map<String, Object> spec = map(scaled.getAdditionalProperties().get("spec"));
        App search = App.of("search-service");
        App quiz = App.of("quiz-service");
        String topic = search.propertyOrDefault("learnscale.analytics.topic");
        String group = search.propertyOrDefault("learnscale.analytics.group");
        int partitions = Integer.parseInt(quiz.propertyOrDefault("learnscale.attempts.partitions"));

        assertThat(topic)
                .isEqualTo(quiz.propertyOrDefault("learnscale.attempts.topic"))
                .isEqualTo("quiz.attempts");
        assertThat(group).isEqualTo("analytics");
        assertThat(partitions).isEqualTo(6);

        Map<String, Object> target = map(spec.get("scaleTargetRef"));
        assertThat(target).containsEntry("name", "search-service");
        assertThat(target.getOrDefault("kind", "Deployment")).isEqualTo("Deployment");
        assertThat(manifests.find(Deployment.class, "search-service")).isPresent();
        assertThat(spec.get("minReplicaCount"))
                .as("search also serves reads: never 0")
                .isEqualTo(1);
        assertThat(spec.get("maxReplicaCount"))
                .as("the partitions of %s", topic)
                .isEqualTo(partitions);

        List<?> triggers = (List<?>) spec.get("triggers");
        assertThat(triggers).hasSize(1);
        Map<String, Object> trigger = map(triggers.getFirst());
        assertThat(trigger).containsEntry("type", "kafka");
        Map<String, Object> metadata = map(trigger.get("metadata"));
        assertThat(metadata).containsEntry("topic", topic).containsEntry("consumerGroup", group);
        assertThat(metadata.get("offsetResetPolicy"))
                .as("as the group's auto-offset-reset")
                .isEqualTo(search.property("spring.kafka.consumer.auto-offset-reset"));
        assertThat(metadata.values())
                .as("KEDA trigger metadata is a map of strings")
                .allMatch(String.class::isInstance);
        assertThat(Integer.parseInt((String) metadata.get("lagThreshold"))).isPositive();
        String bootstrapFrom = (String) metadata.get("bootstrapServersFromEnv");
        assertThat(manifests.environment("search-service"))
                .as("bootstrapServersFromEnv names a variable of the scaled container")
                .containsKey(bootstrapFrom);
        assertThat(bootstrapFrom).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(manifests.all(HorizontalPodAutoscaler.class))
                .as("no second autoscaler on search-service")
                .noneMatch(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals("search-service"));
    }

    @Test
    void theScaledObjectHasOnlyFieldsKedaKnows() {
        Map<String, Object> spec = map(scaledObject().getAdditionalProperties().get("spec"));
        assertThat(spec.keySet())
                .isSubsetOf(
                        "scaleTargetRef",
                        "pollingInterval",
                        "cooldownPeriod",
                        "initialCooldownPeriod",
                        "idleReplicaCount",
                        "minReplicaCount",
                        "maxReplicaCount",
                        "fallback",
                        "advanced",
                        "triggers");
        assertThat(map(spec.get("scaleTargetRef")).keySet())
                .isSubsetOf("apiVersion", "kind", "name", "envSourceContainerName");
        Map<String, Object> advanced = map(spec.get("advanced"));
        assertThat(advanced.keySet())
                .isSubsetOf("restoreToOriginalReplicaCount", "horizontalPodAutoscalerConfig", "scalingModifiers");
        assertThat(map(advanced.get("horizontalPodAutoscalerConfig")).keySet()).isSubsetOf("name", "behavior");
        Map<String, Object> trigger = map(((List<?>) spec.get("triggers")).getFirst());
        assertThat(trigger.keySet())
                .isSubsetOf("type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics");
        // the parameters of KEDA's kafka scaler
        assertThat(map(trigger.get("metadata")).keySet())
                .isSubsetOf(
                        "bootstrapServers",
                        "bootstrapServersFromEnv",
                        "consumerGroup",
                        "consumerGroupFromEnv",
                        "topic",
                        "topicFromEnv",
                        "lagThreshold",
                        "activationLagThreshold",
                        "offsetResetPolicy",
                        "allowIdleConsumers",
                        "excludePersistentLag",
                        "scaleToZeroOnInvalidOffset",
                        "limitToPartitionsWithLag",
                        "ensureEvenDistributionOfPartitions",
                        "partitionLimitation",
                        "version");
    }

    @Test
    void podDisruptionBudgetsCoverEveryApp() {
        SoftAssertions softly = new SoftAssertions();
        for (String app : Repository.APPS) {
            List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class).stream()
                    .filter(budget -> podLabels(app)
                            .entrySet()
                            .containsAll(budget.getSpec()
                                    .getSelector()
                                    .getMatchLabels()
                                    .entrySet()))
                    .toList();
            softly.assertThat(budgets).as("budgets selecting %s", app).hasSize(1);
            budgets.forEach(budget -> {
                var spec = budget.getSpec();
                softly.assertThat(spec.getMinAvailable() == null ^ spec.getMaxUnavailable() == null)
                        .as("%s: exactly one of minAvailable, maxUnavailable", app)
                        .isTrue();
            });
        }
        softly.assertAll();
    }

    @Test
    void deploymentsSelectTheirOwnPods() {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .as(name)
                    .isEqualTo(Map.of(NAME_LABEL, name));
            assertThat(podLabels(name)).as(name).containsEntry(NAME_LABEL, name);
        }
    }

    @Test
    void theSecretHoldsALongEnoughJwtKeyAndTheConfigMapTheServers() {
        Secret secret = manifests.get(Secret.class, "learnscale-secrets");
        assertThat(secret.getStringData().get("LEARNSCALE_JWT_SECRET").getBytes(StandardCharsets.UTF_8))
                .hasSizeGreaterThanOrEqualTo(32);
        ConfigMap config = manifests.get(ConfigMap.class, "learnscale-config");
        assertThat(config.getData().get("CONTENT_DATABASE_URL")).endsWith("/content");
        assertThat(config.getData().get("QUIZ_DATABASE_URL")).endsWith("/quiz");
        assertThat(manifests.environment("content-service").get("DATABASE_URL"))
                .isEqualTo(config.getData().get("CONTENT_DATABASE_URL"));
        assertThat(manifests.environment("quiz-service").get("DATABASE_URL"))
                .isEqualTo(config.getData().get("QUIZ_DATABASE_URL"));
    }

    private GenericKubernetesResource scaledObject() {
        List<GenericKubernetesResource> scaled = manifests.all(GenericKubernetesResource.class).stream()
                .filter(resource -> (resource.getApiVersion() + "/" + resource.getKind()).equals(SCALED_OBJECT))
                .toList();
        assertThat(scaled).hasSize(1);
        assertThat(manifests.all(GenericKubernetesResource.class))
                .as("custom resources")
                .hasSize(1);
        return scaled.getFirst();
    }

    private void checkProbe(SoftAssertions softly, String what, Probe probe, String path, Map<String, Integer> ports) {
        softly.assertThat(probe).as(what).isNotNull();
        if (probe == null) {
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        softly.assertThat(get).as("%s httpGet", what).isNotNull();
        if (get != null) {
            softly.assertThat(get.getPath()).as("%s path", what).isEqualTo(path);
            softly.assertThat(port(get.getPort(), ports)).as("%s port", what).isEqualTo(8081);
        }
    }

    private Map<String, String> podLabels(String deployment) {
        return manifests
                .deployment(deployment)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    private static Map<String, Integer> ports(Container container) {
        return container.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }

    /** Service port → the container port it reaches. */
    private static Map<Integer, Integer> servicePorts(Service service, Container container) {
        Map<String, Integer> ports = ports(container);
        return service.getSpec().getPorts().stream()
                .collect(Collectors.toMap(ServicePort::getPort, port -> port(port.getTargetPort(), ports)));
    }

    private static Integer port(IntOrString port, Map<String, Integer> named) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : named.get(port.getStrVal());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }
}
