package io.smokegate.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types the fake cluster serves: a fixed table of built-in ones and those of the custom resource
 * definitions created in it. It answers API discovery ({@code /api}, {@code /apis}, {@code /apis/G/V}) as
 * kubectl needs it and maps an object's {@code apiVersion}/{@code kind} to its URL. Thread-safe.
 */
final class ApiResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    record ApiResource(String group, String version, String kind, String plural, String singular, boolean namespaced,
                       List<String> shortNames, String crdName) {

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /** The collection URL, in {@code namespace} for a namespaced resource. */
        String collectionPath(String namespace) {
            String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
            return namespaced ? base + "/namespaces/" + namespace + "/" + plural : base + "/" + plural;
        }
    }

    private final Map<String, ApiResource> byGroupVersionPlural = new LinkedHashMap<>();

    static ApiResources builtIn() {
        ApiResources r = new ApiResources();
        r.builtIn("", "v1", "Pod", "pods", true, "po");
        r.builtIn("", "v1", "Service", "services", true, "svc");
        r.builtIn("", "v1", "Endpoints", "endpoints", true, "ep");
        r.builtIn("", "v1", "ConfigMap", "configmaps", true, "cm");
        r.builtIn("", "v1", "Secret", "secrets", true);
        r.builtIn("", "v1", "ServiceAccount", "serviceaccounts", true, "sa");
        r.builtIn("", "v1", "Event", "events", true, "ev");
        r.builtIn("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc");
        r.builtIn("", "v1", "ReplicationController", "replicationcontrollers", true, "rc");
        r.builtIn("", "v1", "ResourceQuota", "resourcequotas", true, "quota");
        r.builtIn("", "v1", "LimitRange", "limitranges", true, "limits");
        r.builtIn("", "v1", "Namespace", "namespaces", false, "ns");
        r.builtIn("", "v1", "Node", "nodes", false, "no");
        r.builtIn("", "v1", "PersistentVolume", "persistentvolumes", false, "pv");
        r.builtIn("apps", "v1", "Deployment", "deployments", true, "deploy");
        r.builtIn("apps", "v1", "StatefulSet", "statefulsets", true, "sts");
        r.builtIn("apps", "v1", "DaemonSet", "daemonsets", true, "ds");
        r.builtIn("apps", "v1", "ReplicaSet", "replicasets", true, "rs");
        r.builtIn("batch", "v1", "Job", "jobs", true);
        r.builtIn("batch", "v1", "CronJob", "cronjobs", true, "cj");
        r.builtIn("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "hpa");
        r.builtIn("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb");
        r.builtIn("networking.k8s.io", "v1", "Ingress", "ingresses", true, "ing");
        r.builtIn("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "netpol");
        r.builtIn("coordination.k8s.io", "v1", "Lease", "leases", true);
        r.builtIn("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
        r.builtIn("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
        r.builtIn("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
        r.builtIn("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
        // What a client asks before acting ("may I create networkchaos there?"): create-only, never stored.
        r.builtIn("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false);
        r.builtIn("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, "sc");
        r.builtIn("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false);
        r.builtIn("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false);
        r.builtIn("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, "pc");
        r.builtIn("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false);
        r.builtIn("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false);
        r.builtIn("apiregistration.k8s.io", "v1", "APIService", "apiservices", false);
        r.builtIn("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, "crd", "crds");
        return r;
    }

    private void builtIn(String group, String version, String kind, String plural, boolean namespaced, String... shortNames) {
        add(new ApiResource(group, version, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
                List.of(shortNames), null));
    }

    synchronized void add(ApiResource resource) {
        byGroupVersionPlural.put(resource.groupVersion() + "/" + resource.plural(), resource);
    }

    /** Registers the served versions of a CustomResourceDefinition (as JSON). */
    synchronized void addCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        String name = crd.path("metadata").path("name").asText();
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(true)) {
                add(new ApiResource(spec.path("group").asText(), version.path("name").asText(), names.path("kind").asText(),
                        names.path("plural").asText(), names.path("singular").asText(names.path("kind").asText().toLowerCase(java.util.Locale.ROOT)),
                        !"Cluster".equals(spec.path("scope").asText()), List.copyOf(shortNames), name));
            }
        }
    }

    synchronized void removeCrd(String crdName) {
        byGroupVersionPlural.values().removeIf(r -> crdName.equals(r.crdName()));
    }

    synchronized Optional<ApiResource> byKind(String apiVersion, String kind) {
        return byGroupVersionPlural.values().stream()
                .filter(r -> r.groupVersion().equals(apiVersion) && r.kind().equals(kind)).findFirst();
    }

    synchronized Optional<ApiResource> byPlural(String groupVersion, String plural) {
        return Optional.ofNullable(byGroupVersionPlural.get(groupVersion + "/" + plural));
    }

    synchronized Optional<ApiResource> byGroupAndPlural(String group, String plural) {
        return byGroupVersionPlural.values().stream()
                .filter(r -> r.group().equals(group) && r.plural().equals(plural)).findFirst();
    }

    synchronized boolean servesGroupVersion(String groupVersion) {
        return byGroupVersionPlural.values().stream().anyMatch(r -> r.groupVersion().equals(groupVersion));
    }

    /**
     * {@code GET /openapi/v3}: one document per group/version. kubectl asks for it to learn whether the server
     * validates fields itself ({@code fieldValidation}); if not, it validates client-side, with schemas the fake
     * cluster does not have.
     */
    synchronized String openApiRoot() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        byGroupVersionPlural.values().stream().map(ApiResources::openApiPath).distinct()
                .forEach(p -> paths.putObject(p).put("serverRelativeURL", "/openapi/v3/" + p));
        return root.toString();
    }

    /**
     * {@code GET /openapi/v3/api/v1} or {@code /openapi/v3/apis/G/V}: for each resource, its PATCH operation with the
     * {@code fieldValidation} parameter (all kubectl looks for); null for a group/version not served.
     */
    synchronized String openApi(String path) {
        ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes (smokegate fake cluster)").put("version", "v1.32.0");
        ObjectNode paths = doc.putObject("paths");
        boolean any = false;
        for (ApiResource r : byGroupVersionPlural.values()) {
            if (openApiPath(r).equals(path)) {
                any = true;
                String object = r.namespaced() ? "/" + path + "/namespaces/{namespace}/" + r.plural() + "/{name}"
                        : "/" + path + "/" + r.plural() + "/{name}";
                ObjectNode patch = paths.putObject(object).putObject("patch");
                patch.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version())
                        .put("kind", r.kind());
                patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                        .putObject("schema").put("type", "string");
                patch.putObject("responses");
            }
        }
        return any ? doc.toString() : null;
    }

    private static String openApiPath(ApiResource r) {
        return r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.groupVersion();
    }

    /** {@code GET /api}. */
    String apiVersions(String serverAddress) {
        ObjectNode root = JSON.createObjectNode().put("kind", "APIVersions");
        root.putArray("versions").add("v1");
        root.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return root.toString();
    }

    /** {@code GET /apis}: every group but the core one, each with its versions. */
    synchronized String apiGroupList() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (ApiResource r : byGroupVersionPlural.values()) {
            if (!r.group().isEmpty()) {
                groups.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version());
            }
        }
        ObjectNode root = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode list = root.putArray("groups");
        groups.forEach((group, versions) -> {
            ObjectNode g = list.addObject().put("name", group);
            ArrayNode vs = g.putArray("versions");
            versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
            String preferred = versions.iterator().next();
            g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
        });
        return root.toString();
    }

    /** {@code GET /api/v1} or {@code /apis/G/V}. */
    synchronized String resourceList(String groupVersion) {
        ObjectNode root = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode list = root.putArray("resources");
        for (ApiResource r : byGroupVersionPlural.values()) {
            if (r.groupVersion().equals(groupVersion)) {
                ObjectNode n = list.addObject().put("name", r.plural()).put("singularName", r.singular())
                        .put("namespaced", r.namespaced()).put("kind", r.kind());
                ArrayNode verbs = n.putArray("verbs");
                // Access reviews are questions, not objects: only created (kubectl then never lists them).
                (r.kind().endsWith("AccessReview") ? List.of("create") : VERBS).forEach(verbs::add);
                if (!r.shortNames().isEmpty()) {
                    ArrayNode s = n.putArray("shortNames");
                    r.shortNames().forEach(s::add);
                }
            }
        }
        return root.toString();
    }
}
