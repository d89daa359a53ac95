package io.smokegate.testing.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smokegate.deploy.DeployManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven: after the unit and integration suites ran (surefire, in the same {@code ./mvnw verify}),
 * this reads every Kubernetes API request their fake clusters received (target/kube-requests, see {@link RequestLog})
 * and checks it against the RBAC objects that ship: the Helm chart (the one source of deploy/, templates/rbac.yaml)
 * rendered by real Helm with {@code rbac.chaosNamespaces} and {@code rbac.secretNamespaces} set to the example
 * namespace. Each request smokegate made is allowed, and each permission granted (verb × resource × namespace) is
 * used by some request. Failsafe runs it in the
 * integration-test phase; a build with {@code -Dtest=...} skips it (the log would hold only part of the suites).
 *
 * <p>Which requests are smokegate's: those whose User-Agent is {@code smokegate/VERSION}, which every client of
 * the product sets (kube/Kubeconfig#clientConfig). Tests seed their fake cluster in-process (FakeCluster#create,
 * #load, #mergePatch; the simulated Chaos Mesh controller), which never reaches the log, and what else they send
 * over HTTP goes through kubectl, java.net.http or a bare Fabric8 client, whose User-Agents differ.
 */
class ShippedRbacIT {

    private static final Path LOGS = Path.of(System.getProperty(RequestLog.DIRECTORY_PROPERTY, "target/kube-requests"));
    private static final Path CHART = Path.of("deploy/helm/smokegate");
    /** The release's namespace and name: the chart's Lease Role lives there, its ServiceAccount is smokegate/smokegate. */
    private static final String RELEASE_NAMESPACE = "smokegate";
    private static final Rbac.Subject SMOKEGATE = Rbac.Subject.serviceAccount(RELEASE_NAMESPACE, DeployManifests.RELEASE);

    /**
     * The namespace the chart's per-namespace Roles are rendered for; it stands for each namespace an operator lists
     * (the chart renders the Roles once per namespace). A namespaced request in any namespace is checked as if it
     * were here, or in the release's namespace (the Lease). A Role still never allows a request at the cluster scope.
     */
    private static final String EXAMPLE_NAMESPACE = "shop";

    /**
     * Requests that tests make on purpose in a setup the deployment does not ship, each with its reason. Kept
     * short: everything else smokegate asks must be granted.
     */
    private static final Map<String, Predicate<ApiRequest>> NOT_THE_DEPLOYMENT = new LinkedHashMap<>();

    static {
        NOT_THE_DEPLOYMENT.put("the tech-debt Helm scan without named namespaces reads Helm's release records in every "
                + "namespace, which suits an admin's kubeconfig (the CLI, kube.techdebt without namespaces); the chart "
                + "writes rbac.secretNamespaces as serve's techdebt.helmNamespaces and refuses techdebt.contexts without them",
                r -> r.verb().equals("list") && r.group().isEmpty() && r.namespace().isEmpty()
                        && (r.resource().equals("secrets") || r.resource().equals("configmaps")));
        NOT_THE_DEPLOYMENT.put("tests of the client layer (io.smokegate.kube) make arbitrary calls to test its "
                + "timeouts, paging and error messages; they are no feature's", r -> r.test().startsWith("io.smokegate.kube."));
    }

    private static List<ApiRequest> requests;
    private static List<Rbac.Permission> granted;

    @BeforeAll
    static void read() throws IOException {
        requests = RequestLog.read(LOGS).stream().filter(r -> r.client().equals(ApiRequest.PRODUCT))
                .filter(r -> NOT_THE_DEPLOYMENT.values().stream().noneMatch(p -> p.test(r))).toList();
        Path values = Files.createTempFile("smokegate-rbac", ".yaml");
        String rendered;
        try {
            Files.writeString(values, "rbac: {chaosNamespaces: [" + EXAMPLE_NAMESPACE + "], secretNamespaces: ["
                    + EXAMPLE_NAMESPACE + "]}\n");
            rendered = DeployManifests.render(CHART, RELEASE_NAMESPACE, command -> command.withValuesFile(values));
        } finally {
            Files.delete(values);
        }
        granted = Rbac.parse(rendered, RELEASE_NAMESPACE).permissionsOf(SMOKEGATE);
    }

    @Test
    void theTestSuitesRecordedSmokegatesKubernetesRequests() {
        assertFalse(requests.isEmpty(), "no Kubernetes request of smokegate in " + LOGS
                + ": run the suites first (./mvnw verify), with the surefire configuration of pom.xml");
    }

    @Test
    void everyKubernetesRequestOfSmokegateIsAllowedByTheShippedRoles() {
        Set<String> denied = new LinkedHashSet<>();
        for (ApiRequest request : requests) {
            if (allowing(request).isEmpty()) {
                denied.add(request.describe() + " (" + request.sample() + ", made in " + request.test() + ")");
            }
        }
        assertEquals(List.of(), List.copyOf(denied), "requests the chart's Roles do not allow: grant them in "
                + CHART.resolve("templates/rbac.yaml") + " "
                + "(and say why in README \"Permissions\"), or stop the code from making them");
    }

    @Test
    void everyPermissionOfTheShippedRolesIsUsedBySomeRequest() {
        Set<Rbac.Permission> used = new LinkedHashSet<>();
        for (ApiRequest request : requests) {
            used.addAll(allowing(request));
        }
        List<String> unused = new ArrayList<>();
        for (Rbac.Permission permission : granted) {
            if (!used.contains(permission)) {
                unused.add(permission.describe());
            }
        }
        assertEquals(List.of(), unused, "permissions the chart's Roles grant that no request of the test suites used: "
                + "remove them, or test the code that needs them");
    }

    @Test
    void theShippedRolesGrantNoWildcard() {
        assertEquals(List.of(), granted.stream().filter(Rbac.Permission::wildcard).map(Rbac.Permission::describe).toList(),
                "'*' grants more than smokegate calls, also what later Kubernetes versions add: name each verb and resource");
    }

    private static List<Rbac.Permission> allowing(ApiRequest request) {
        List<Rbac.Permission> allowing = new ArrayList<>(Rbac.allowing(granted, request));
        for (String namespace : List.of(EXAMPLE_NAMESPACE, RELEASE_NAMESPACE)) {
            if (!request.namespace().isEmpty() && !request.namespace().equals(namespace)) {
                allowing.addAll(Rbac.allowing(granted, request.inNamespace(namespace)).stream()
                        .filter(p -> !allowing.contains(p)).toList());
            }
        }
        if (allowing.isEmpty() && !request.resourceRequest()) {
            allowing.addAll(Rbac.allowing(Rbac.DEFAULT_DISCOVERY, request));
        }
        return allowing;
    }
}
