package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ListLimits;
import io.smokegate.kube.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What smokegate asks of a cluster with Chaos Mesh: whether it is installed and its controller runs, whether we
 * may create a kind in a namespace, which pods a selector matches, and the create / read / delete / annotate of
 * chaos objects. Every call goes through {@link KubeCluster#call} (timeouts, messages naming the permission),
 * so it blocks: callers are worker or virtual threads.
 *
 * <p>Annotations are written with JSON merge patches on {@code metadata} only: the chaos kinds have no status
 * subresource and Chaos Mesh's controller writes status with full updates, so a read-modify-write would race it.
 */
public final class ChaosMesh {

    private static final ResourceRef CRDS = ResourceRef.clusterScoped("apiextensions.k8s.io", "v1", "customresourcedefinitions");
    private static final ResourceRef DEPLOYMENTS = ResourceRef.namespaced("apps", "v1", "deployments");
    private static final ResourceRef NAMESPACES = ResourceRef.clusterScoped("", "v1", "namespaces");
    private static final ResourceRef PODS = ResourceRef.namespaced("", "v1", "pods");
    private static final ResourceRef ACCESS_REVIEWS =
            ResourceRef.clusterScoped("authorization.k8s.io", "v1", "selfsubjectaccessreviews");

    private final KubeCluster cluster;
    private final ChaosSettings settings;

    public ChaosMesh(KubeCluster cluster, ChaosSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    public KubeCluster cluster() {
        return cluster;
    }

    /** The CRDs of {@code kinds} that the cluster lacks, by name ({@code networkchaos.chaos-mesh.org}). */
    public List<String> missingCrds(List<String> kinds) {
        List<String> missing = new ArrayList<>();
        for (String kind : kinds.stream().distinct().toList()) {
            String name = ChaosResources.resourceOf(kind).qualifiedName();
            CustomResourceDefinition crd = cluster.call(KubeOp.get(CRDS, null),
                    c -> c.apiextensions().v1().customResourceDefinitions().withName(name).get());
            if (crd == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** Why Chaos Mesh's controller cannot act now, or empty when its Deployment has an available replica. */
    public Optional<String> controllerProblem() {
        String where = "Deployment " + settings.controllerNamespace() + "/" + ChaosSettings.CONTROLLER_DEPLOYMENT;
        Deployment d = cluster.call(KubeOp.get(DEPLOYMENTS, settings.controllerNamespace()),
                c -> c.apps().deployments().inNamespace(settings.controllerNamespace())
                        .withName(ChaosSettings.CONTROLLER_DEPLOYMENT).get());
        if (d == null) {
            return Optional.of(where + " not found: is Chaos Mesh installed there? (chaos.controllerNamespace)");
        }
        Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
        if (available == null || available < 1) {
            return Optional.of(where + " has no available replica: the controller that injects and removes faults is down");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code namespace} may be targeted: it is in the allowlist, or, when none is configured, it carries
     * Chaos Mesh's opt-in annotation.
     */
    public boolean namespaceAllowed(String namespace) {
        if (!settings.allowedNamespaces().isEmpty()) {
            return settings.allowedNamespaces().contains(namespace);
        }
        Namespace ns = cluster.call(KubeOp.get(NAMESPACES, null), c -> c.namespaces().withName(namespace).get());
        return ns != null && ns.getMetadata().getAnnotations() != null
                && "enabled".equals(ns.getMetadata().getAnnotations().get(ChaosResources.INJECT_ANNOTATION));
    }

    /** Whether the identity of this context may create {@code kind} in {@code namespace} (a SelfSubjectAccessReview). */
    public boolean mayCreate(String kind, String namespace) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb("create").withGroup(ChaosResources.GROUP).withResource(ChaosResources.resourceOf(kind).resource())
                .withNamespace(namespace).endResourceAttributes().endSpec().build();
        SelfSubjectAccessReview answer = cluster.call(new KubeOp.OnResource("create", ACCESS_REVIEWS, null),
                c -> c.authorization().v1().selfSubjectAccessReview().create(review));
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /**
     * The Running pods the object's {@code spec.selector} matches by namespaces, label and expression selectors
     * (the other selector fields are left to Chaos Mesh, whose {@code Selected} condition fails fast).
     */
    public List<String> runningTargets(GenericKubernetesResource resource) {
        Map<String, Object> selector = map(map(resource.getAdditionalProperties().get("spec")).get("selector"));
        List<String> namespaces = strings(selector.get("namespaces"));
        if (namespaces.isEmpty()) {
            namespaces = List.of(resource.getMetadata().getNamespace());
        }
        String labels = labelSelector(selector);
        List<String> running = new ArrayList<>();
        for (String ns : namespaces) {
            for (GenericKubernetesResource pod : cluster.list(PODS, ns, labels.isEmpty() ? null : labels, ListLimits.DEFAULT).items()) {
                Object phase = map(pod.getAdditionalProperties().get("status")).get("phase");
                if ("Running".equals(phase)) {
                    running.add(ns + "/" + pod.getMetadata().getName());
                }
            }
        }
        return running;
    }

    /** Creates the object (or, with {@code dryRun}, has the API server and its admission webhooks judge it only). */
    public GenericKubernetesResource create(GenericKubernetesResource resource, boolean dryRun) {
        String ns = resource.getMetadata().getNamespace();
        return cluster.call(KubeOp.of("create", ChaosResources.resourceOf(resource.getKind()), ns), c -> {
            var op = c.genericKubernetesResources(context(resource.getKind())).inNamespace(ns).resource(resource);
            return dryRun ? op.dryRun().create() : op.create();
        });
    }

    /** The object as it is now, or empty once it is gone. */
    public Optional<GenericKubernetesResource> get(String kind, String namespace, String name) {
        return Optional.ofNullable(cluster.call(KubeOp.get(ChaosResources.resourceOf(kind), namespace),
                c -> c.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name).get()));
    }

    /** Asks for deletion; Chaos Mesh's finalizer keeps the object until its targets are recovered. */
    public void delete(String kind, String namespace, String name) {
        cluster.call(KubeOp.of("delete", ChaosResources.resourceOf(kind), namespace),
                c -> c.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name).delete());
    }

    /** Sets one annotation with a merge patch on metadata only. */
    public void annotate(String kind, String namespace, String name, String key, String value) {
        String patch = "{\"metadata\":{\"annotations\":{" + quote(key) + ":" + quote(value) + "}}}";
        cluster.call(KubeOp.of("patch", ChaosResources.resourceOf(kind), namespace),
                c -> c.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    /**
     * Every chaos object smokegate created, of every kind whose CRD is installed, in all namespaces (or only in
     * {@code namespace}).
     */
    public List<GenericKubernetesResource> managed(String namespace) {
        List<GenericKubernetesResource> all = new ArrayList<>();
        List<String> missing = missingCrds(CrdSchema.KINDS);
        for (String kind : CrdSchema.KINDS) {
            ResourceRef ref = ChaosResources.resourceOf(kind);
            if (!missing.contains(ref.qualifiedName())) {
                all.addAll(cluster.list(ref, namespace, ChaosResources.MANAGED_SELECTOR, ListLimits.DEFAULT).items());
            }
        }
        return all;
    }

    /** The object's conditions ({@code Selected}, {@code AllInjected}, {@code AllRecovered}, {@code Paused}) by type. */
    public static Map<String, Condition> conditions(GenericKubernetesResource resource) {
        Map<String, Condition> out = new LinkedHashMap<>();
        Object list = map(resource.getAdditionalProperties().get("status")).get("conditions");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                Map<String, Object> c = map(item);
                if (c.get("type") instanceof String type) {
                    out.put(type, new Condition("True".equals(c.get("status")),
                            c.get("message") instanceof String m ? m : ""));
                }
            }
        }
        return out;
    }

    /** One condition of a chaos object. */
    public record Condition(boolean status, String message) {
    }

    private static ResourceDefinitionContext context(String kind) {
        return new ResourceDefinitionContext.Builder().withGroup(ChaosResources.GROUP).withVersion(ChaosResources.VERSION)
                .withPlural(ChaosResources.resourceOf(kind).resource()).withKind(kind).withNamespaced(true).build();
    }

    private static String labelSelector(Map<String, Object> selector) {
        List<String> terms = new ArrayList<>();
        map(selector.get("labelSelectors")).forEach((k, v) -> terms.add(k + "=" + v));
        if (selector.get("expressionSelectors") instanceof List<?> expressions) {
            for (Object e : expressions) {
                Map<String, Object> x = map(e);
                String key = String.valueOf(x.get("key"));
                List<String> values = strings(x.get("values"));
                switch (String.valueOf(x.get("operator"))) {
                    case "In" -> terms.add(key + " in (" + String.join(",", values) + ")");
                    case "NotIn" -> terms.add(key + " notin (" + String.join(",", values) + ")");
                    case "Exists" -> terms.add(key);
                    case "DoesNotExist" -> terms.add("!" + key);
                    default -> { } // the CRD schema allows only these four
                }
            }
        }
        return String.join(",", terms);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
