package io.smokegate.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.Objects;

/**
 * A Kubernetes resource type as RBAC and the API see it: API group ({@code ""} for the core group), version
 * and resource (the plural, possibly with a subresource: {@code pods/log}), and whether it lives in namespaces.
 */
public record ResourceRef(String group, String version, String resource, boolean namespaced) {

    public ResourceRef {
        Objects.requireNonNull(group, "group");
        if (version == null || version.isBlank() || resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("a resource needs a version and a name, got " + group + "/" + version + "/" + resource);
        }
    }

    /** The resource of a Fabric8 model class, e.g. {@code Pod.class} is {@code v1 pods}, namespaced. */
    public static ResourceRef of(Class<? extends HasMetadata> type) {
        return new ResourceRef(HasMetadata.getGroup(type), HasMetadata.getVersion(type), HasMetadata.getPlural(type),
                Namespaced.class.isAssignableFrom(type));
    }

    public static ResourceRef namespaced(String group, String version, String resource) {
        return new ResourceRef(group, version, resource, true);
    }

    public static ResourceRef clusterScoped(String group, String version, String resource) {
        return new ResourceRef(group, version, resource, false);
    }

    /** {@code v1} for the core group, else {@code group/version}: the {@code apiVersion} of its objects. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /**
     * The name {@code kubectl auth can-i} and {@code kubectl create role --resource} take: {@code pods},
     * {@code networkchaos.chaos-mesh.org}.
     */
    public String qualifiedName() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    @Override
    public String toString() {
        return group.isEmpty() ? version + "/" + resource : group + "/" + version + "/" + resource;
    }
}
