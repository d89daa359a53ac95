package io.smokegate.check.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects by kind and name, read as generic resources: what checks that name single objects need. */
final class KubeObjects {

    /** The kinds a check may name in a parameter, with the resource each is served as. */
    static final Map<String, ResourceRef> KINDS = Map.of(
            "Deployment", ResourceRef.namespaced("apps", "v1", "deployments"),
            "StatefulSet", ResourceRef.namespaced("apps", "v1", "statefulsets"),
            "DaemonSet", ResourceRef.namespaced("apps", "v1", "daemonsets"),
            "ConfigMap", ResourceRef.namespaced("", "v1", "configmaps"),
            "Service", ResourceRef.namespaced("", "v1", "services"),
            "Namespace", ResourceRef.clusterScoped("", "v1", "namespaces"),
            "Node", ResourceRef.clusterScoped("", "v1", "nodes"));

    /** The kinds that run pods, whose images a check can read. */
    static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "DaemonSet");

    private KubeObjects() {
    }

    /** The kind's proper spelling, case-insensitive, among {@code allowed}. */
    static Optional<String> kind(String text, List<String> allowed) {
        return allowed.stream().filter(k -> k.equalsIgnoreCase(text)).findFirst();
    }

    static List<String> kindNames() {
        return KINDS.keySet().stream().sorted().toList();
    }

    /** The object, or empty when it does not exist. */
    static Optional<GenericKubernetesResource> get(KubeCluster cluster, ResourceRef resource, String namespace, String name) {
        ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder()
                .withGroup(resource.group()).withVersion(resource.version()).withPlural(resource.resource())
                .withNamespaced(resource.namespaced()).build();
        return Optional.ofNullable(cluster.call(KubeOp.get(resource, namespace), c -> {
            var objects = c.genericKubernetesResources(definition);
            return resource.namespaced() ? objects.inNamespace(namespace).withName(name).get() : objects.withName(name).get();
        }));
    }

    /**
     * The tag of an image reference: {@code 1.24.1} of {@code docker.io/istio/pilot:1.24.1}, {@code latest} when it
     * has none, and the first 12 hex digits of a digest ({@code @sha256:0123456789ab}) when pinned by digest.
     */
    static String tag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            String digest = image.substring(at + 1);
            int colon = digest.indexOf(':');
            return "@" + digest.substring(0, Math.min(digest.length(), colon + 1 + 12));
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "latest";
    }

    /** The containers of a workload's pod template, in order (name, image …). */
    static List<Map<?, ?>> containers(GenericKubernetesResource workload) {
        return Fields.maps(Fields.at(workload.getAdditionalProperties(), "spec", "template", "spec", "containers"));
    }
}
