package io.smokegate.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields a Kubernetes kind does not have. The OpenAPI schemas leave unknown fields open (the API server drops them
 * or, with strict field validation, refuses them), so a misspelt {@code readOnlyRootFileSystem} passes them; this
 * reads each object into Fabric8's model of its kind, which keeps unknown fields aside as additional properties.
 */
final class UnknownFields {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private UnknownFields() {
    }

    /** The paths of unknown fields of {@code object}; null when Fabric8 has no model of its kind (a custom resource). */
    static List<String> of(Map<String, Object> object) {
        KubernetesResource typed = SERIALIZATION.unmarshal(DeployManifests.toYaml(object));
        if (typed instanceof GenericKubernetesResource) {
            return null;
        }
        List<String> found = new ArrayList<>();
        walk(typed, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "/" + i++, found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "/" + key, found));
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && getter.getName().startsWith("get")
                        && getter.getDeclaringClass() != Object.class) {
                    Object field = invoke(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        ((Map<?, ?>) field).keySet().forEach(key -> found.add(path + "/" + key));
                    } else {
                        walk(field, path + "/" + Character.toLowerCase(getter.getName().charAt(3))
                                + getter.getName().substring(4), found);
                    }
                }
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + ": " + e, e);
        }
    }
}
