package io.smokegate.testing.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kubernetes RBAC as the API server's authorizer applies it (k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac),
 * for the Roles, ClusterRoles and their bindings of YAML files: which permissions a subject has, and which of them
 * allow a request. A RoleBinding grants its Role's (or ClusterRole's) rules in its own namespace only; a
 * ClusterRoleBinding grants a ClusterRole's rules in every namespace and at the cluster scope.
 */
public final class Rbac {

    /** A subject of bindings, e.g. the ServiceAccount {@code smokegate/smokegate}. */
    public record Subject(String kind, String name, String namespace) {

        public static Subject serviceAccount(String namespace, String name) {
            return new Subject("ServiceAccount", name, namespace);
        }

        boolean in(JsonNode subjects) {
            for (JsonNode s : subjects) {
                if (s.path("kind").asText().equals(kind) && s.path("name").asText().equals(name)
                        && (!kind.equals("ServiceAccount") || s.path("namespace").asText().equals(namespace))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One permission as granted where it is bound: one verb on one resource (or non-resource URL) of one API group,
     * in one namespace ("" everywhere: a ClusterRoleBinding), for one resource name ("" any). Values are taken as
     * written, so {@code *} stays {@code *} (and matches as RBAC matches it).
     *
     * @param role the role and binding that grant it, for messages ({@code ClusterRole/x via ClusterRoleBinding/y})
     */
    public record Permission(String role, String namespace, String group, String resource, String verb,
                             String resourceName, String url) {

        public boolean nonResource() {
            return !url.isEmpty();
        }

        public boolean wildcard() {
            return group.equals("*") || resource.equals("*") || resource.startsWith("*/") || verb.equals("*")
                    || url.endsWith("*");
        }

        public boolean allows(ApiRequest request) {
            if (!(verb.equals("*") || verb.equals(request.verb()))) {
                return false;
            }
            if (nonResource() || !request.resourceRequest()) {
                return nonResource() && !request.resourceRequest()
                        && (url.equals(request.path()) || url.endsWith("*") && request.path().startsWith(url.substring(0, url.length() - 1)));
            }
            // A RoleBinding's grant never reaches another namespace, nor the cluster scope (a list across namespaces).
            if (!namespace.isEmpty() && !namespace.equals(request.namespace())) {
                return false;
            }
            return (group.equals("*") || group.equals(request.group())) && resourceMatches(request)
                    && (resourceName.isEmpty() || resourceName.equals(request.name()));
        }

        private boolean resourceMatches(ApiRequest request) {
            return resource.equals("*") || resource.equals(request.qualifiedResource())
                    || !request.subresource().isEmpty() && resource.equals("*/" + request.subresource());
        }

        /** How a person reads it: {@code list pods (core) in namespace "shop" [Role/x via RoleBinding/y]}. */
        public String describe() {
            if (nonResource()) {
                return verb + " " + url + " [" + role + "]";
            }
            return verb + " " + resource + " (" + (group.isEmpty() ? "core" : group) + ")"
                    + (resourceName.isEmpty() ? "" : " named \"" + resourceName + "\"")
                    + (namespace.isEmpty() ? " cluster-wide" : " in namespace \"" + namespace + "\"") + " [" + role + "]";
        }
    }

    /**
     * What every authenticated user may do through the default bindings of system:discovery and
     * system:public-info-viewer (discovery, OpenAPI, health and version): no Role of ours needs to grant it.
     */
    public static final List<Permission> DEFAULT_DISCOVERY = Stream.of("/api", "/api/*", "/apis", "/apis/*",
                    "/healthz", "/livez", "/readyz", "/openapi", "/openapi/*", "/version", "/version/")
            .map(url -> new Permission("ClusterRole/system:discovery (default)", "", "", "", "get", "", url)).toList();

    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<JsonNode> objects;

    private Rbac(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    /** The RBAC objects of the YAML files in {@code directory} (other kinds are ignored). */
    public static Rbac load(Path directory) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    for (JsonNode document : documents.readAll()) {
                        if (document != null && document.path("kind").asText().matches("(Cluster)?Role(Binding)?")) {
                            objects.add(document);
                        }
                    }
                }
            }
        }
        return new Rbac(objects);
    }

    /** The RBAC objects of a YAML text (several documents). */
    public static Rbac parse(String yaml) throws IOException {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return new Rbac(documents.readAll());
        }
    }

    /** Every permission {@code subject} holds through these bindings, one per verb × resource × name × namespace. */
    public List<Permission> permissionsOf(Subject subject) {
        List<Permission> granted = new ArrayList<>();
        for (JsonNode binding : objects) {
            String kind = binding.path("kind").asText();
            if (!kind.endsWith("Binding") || !subject.in(binding.path("subjects"))) {
                continue;
            }
            String namespace = kind.equals("RoleBinding") ? binding.path("metadata").path("namespace").asText() : "";
            JsonNode ref = binding.path("roleRef");
            String roleKind = ref.path("kind").asText();
            Optional<JsonNode> role = objects.stream().filter(o -> o.path("kind").asText().equals(roleKind)
                    && o.path("metadata").path("name").asText().equals(ref.path("name").asText())
                    && (roleKind.equals("ClusterRole") || o.path("metadata").path("namespace").asText().equals(namespace))).findFirst();
            if (role.isEmpty() || kind.equals("ClusterRoleBinding") && !roleKind.equals("ClusterRole")) {
                continue; // a dangling binding grants nothing, as in the API server
            }
            String by = roleKind + "/" + ref.path("name").asText() + " via " + kind + "/" + binding.path("metadata").path("name").asText();
            for (JsonNode rule : role.get().path("rules")) {
                expand(rule, by, namespace, granted);
            }
        }
        return granted;
    }

    private static void expand(JsonNode rule, String by, String namespace, List<Permission> into) {
        List<String> names = texts(rule.path("resourceNames"));
        for (String verb : texts(rule.path("verbs"))) {
            for (String url : texts(rule.path("nonResourceURLs"))) {
                into.add(new Permission(by, "", "", "", verb, "", url));
            }
            for (String group : texts(rule.path("apiGroups"))) {
                for (String resource : texts(rule.path("resources"))) {
                    for (String name : names.isEmpty() ? List.of("") : names) {
                        into.add(new Permission(by, namespace, group, resource, verb, name, ""));
                    }
                }
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The permissions among {@code granted} that allow {@code request} (none: RBAC denies it). */
    public static List<Permission> allowing(List<Permission> granted, ApiRequest request) {
        return granted.stream().filter(p -> p.allows(request)).toList();
    }
}
