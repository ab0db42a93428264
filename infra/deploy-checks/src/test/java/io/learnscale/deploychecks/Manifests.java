package io.learnscale.deploychecks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** infra/k8s: the files kustomization.yaml lists, read with Fabric8 into typed resources (PLATFORM.md). */
final class Manifests {

    static final String DIRECTORY = "infra/k8s";

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = resources;
    }

    static Manifests load() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        for (String file : resourceFiles()) {
            try (InputStream in = Files.newInputStream(directory().resolve(file))) {
                Object parsed = serialization.unmarshal(in);
                if (parsed instanceof List<?> list) {
                    list.forEach(resource -> resources.add((HasMetadata) resource));
                } else {
                    resources.add((HasMetadata) parsed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Manifests(List.copyOf(resources));
    }

    static Path directory() {
        return Repository.file(DIRECTORY);
    }

    static Map<String, Object> kustomization() {
        return Repository.yaml(directory().resolve("kustomization.yaml"));
    }

    @SuppressWarnings("unchecked")
    static List<String> resourceFiles() {
        return (List<String>) kustomization().get("resources");
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError("infra/k8s has no " + type.getSimpleName() + " " + name));
    }

    Deployment deployment(String name) {
        return get(Deployment.class, name);
    }

    /** The app's container: the one named after the Deployment. */
    Container container(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(deployment))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment + " has no container named " + deployment));
    }

    /**
     * The container's environment, each value resolved: a literal, a ConfigMap or Secret key (which must exist), or
     * {@code fieldRef:<path>}.
     */
    Map<String, String> environment(String deployment) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container(deployment).getEnv()) {
            environment.put(variable.getName(), resolve(deployment, variable));
        }
        return environment;
    }

    private String resolve(String deployment, EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return variable.getValue() == null ? "" : variable.getValue();
        }
        String where = deployment + " " + variable.getName();
        if (source.getFieldRef() != null) {
            return "fieldRef:" + source.getFieldRef().getFieldPath();
        }
        if (source.getConfigMapKeyRef() != null) {
            var reference = source.getConfigMapKeyRef();
            String value = get(ConfigMap.class, reference.getName()).getData().get(reference.getKey());
            if (value == null) {
                throw new AssertionError(
                        where + ": ConfigMap " + reference.getName() + " has no key " + reference.getKey());
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            var reference = source.getSecretKeyRef();
            Secret secret = get(Secret.class, reference.getName());
            String value = secret.getStringData() == null
                    ? null
                    : secret.getStringData().get(reference.getKey());
            if (value == null && secret.getData() != null && secret.getData().get(reference.getKey()) != null) {
                value = new String(
                        Base64.getDecoder().decode(secret.getData().get(reference.getKey())), StandardCharsets.UTF_8);
            }
            if (value == null) {
                throw new AssertionError(
                        where + ": Secret " + reference.getName() + " has no key " + reference.getKey());
            }
            return value;
        }
        throw new AssertionError(where + ": unsupported valueFrom " + source);
    }
}
