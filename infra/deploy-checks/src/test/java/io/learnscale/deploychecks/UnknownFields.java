package io.learnscale.deploychecks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields the Kubernetes API would reject (or silently drop) but Fabric8 accepts: its model keeps a field it does not
 * know in the object's {@code additionalProperties}. This walks a typed resource and reports every such field with
 * its path, so a typo like {@code readinesProbe} fails the build.
 */
final class UnknownFields {

    private UnknownFields() {}

    static List<String> in(Object resource) {
        List<String> found = new ArrayList<>();
        walk(resource, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path + "." + key, found, seen));
            return;
        }
        // typed model objects only; a custom resource (KEDA) keeps everything in additionalProperties by design
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || value instanceof GenericKubernetesResource
                || !seen.add(value)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !name.startsWith("get")
                    || name.equals("getClass")) {
                continue;
            }
            Object property = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "" : path + ": ") + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                walk(property, path.isEmpty() ? field : path + "." + field, found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
