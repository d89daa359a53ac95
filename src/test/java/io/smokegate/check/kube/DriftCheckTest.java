package io.smokegate.check.kube;

import static io.smokegate.check.kube.GitOpsObjects.SHA_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.check.TableDetail;
import io.smokegate.report.MarkdownReport;
import io.smokegate.run.RunReport;
import io.smokegate.testing.TestServers;
import io.smokegate.testing.kube.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kube.drift} over three fake clusters (dev, staging, prod), each a context of one merged kubeconfig
 * ({@code KUBECONFIG} lists three files), and a policy endpoint served per environment over HTTP.
 *
 * <p>The clusters agree on Istio, the Argo CD app and the policy; dev runs a newer Kubernetes.
 */
class DriftCheckTest {

    private static final List<String> ENVS = List.of("dev", "staging", "prod");
    private static final Map<String, String> VERSIONS = Map.of("dev", "v1.33.1", "staging", "v1.32.4", "prod", "v1.32.4");
    private static final AtomicInteger TEST = new AtomicInteger();

    private static final List<FakeCluster> clusters = new ArrayList<>();
    private static final List<Path> kubeconfigs = new ArrayList<>();
    private static TestServers.Http policies;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        for (String env : ENVS) {
            FakeCluster fake = FakeCluster.start();
            clusters.add(fake);
            kubeconfigs.add(fake.writeKubeconfig(shared.resolve(env + ".kubeconfig"), env));
            fake.answer("GET", "/version", 200, "{\"major\":\"1\",\"minor\":\"" + VERSIONS.get(env).split("\\.")[1]
                    + "\",\"gitVersion\":\"" + VERSIONS.get(env) + "\",\"platform\":\"linux/amd64\"}");
            fake.create(istiod("1-24-1", "1.24.1"));
            fake.create(GitOpsObjects.application("argocd", "payments", "Synced", "Healthy", SHA_A));
        }
        policies = TestServers.http().route("/v1/sys/policy/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String env = path.substring(path.lastIndexOf('/') + 1);
            if (env.equals("broken")) {
                TestServers.respond(exchange, 503, "{\"errors\":[\"Vault is sealed\"]}");
            } else {
                TestServers.respond(exchange, 200, "{\"request_id\":\"8f1e\",\"data\":{\"name\":\"payments\",\"version\":\"v7\","
                        + "\"env\":\"" + env + "\"}}", "Content-Type", "application/json");
            }
        });
    }

    @AfterAll
    static void stop() {
        clusters.forEach(FakeCluster::close);
        policies.close();
    }

    private static String istiod(String revision, String tag) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: istiod-%1$s
                  namespace: istio-system
                  labels: {app: istiod, istio.io/rev: "%1$s", install.operator.istio.io/owning-resource: unknown}
                spec:
                  selector: {matchLabels: {app: istiod, istio.io/rev: "%1$s"}}
                  template:
                    metadata: {labels: {app: istiod, istio.io/rev: "%1$s"}}
                    spec:
                      serviceAccountName: istiod
                      containers:
                      - {name: discovery, image: "docker.io/istio/pilot:%2$s", args: [discovery, --monitoringAddr=:15014]}
                """.formatted(revision, tag);
    }

    private static String deployment(String namespace, String name, String... images) {
        StringBuilder containers = new StringBuilder();
        for (int i = 0; i < images.length; i++) {
            containers.append("      - {name: ").append(i == 0 ? name : "sidecar-" + i).append(", image: \"").append(images[i]).append("\"}\n");
        }
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s, labels: {app: %2$s}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec:
                      containers:
                %3$s""".formatted(namespace, name, containers);
    }

    private CheckResult run(String with) throws Exception {
        return KubeChecklists.only(dir, "    - {id: drift, type: kube.drift, with: {clusters: [dev, staging, prod], " + with + "}}\n",
                kubeconfigs.toArray(Path[]::new));
    }

    private static String policy() {
        return "http: {name: policy, url: \"" + policies.url("/v1/sys/policy/") + "$${cluster}\", jsonPath: $.data.version}";
    }

    private static TableDetail matrix(CheckResult r) {
        return TableDetail.from(r.details().get("matrix")).orElseThrow(() -> new AssertionError("no matrix: " + r.details()));
    }

    private static List<String> column(CheckResult r, String column) {
        return matrix(r).rows().stream().map(row -> row.get(column)).toList();
    }

    @Test
    void allowedDriftIsShownInTheMatrixButDoesNotFail() throws Exception {
        CheckResult r = run("istio: true, gitops: {name: payments, fact: Argo CD}, " + policy() + ", allowDrift: [kubernetes]");

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("3 contexts agree on 3 of 4 facts; allowed drift in Kubernetes", r.message());
        assertEquals(List.of("Kubernetes (allowed)", "none", "none"), column(r, "drift"));
    }

    @Test
    void theMarkdownReportShowsTheMatrixOfTheRealRun() throws Exception {
        RunReport report = KubeChecklists.run(dir, "    - {id: drift, type: kube.drift, with: {clusters: [dev, staging, prod], "
                + "istio: true, " + policy() + ", gitops: {name: payments, fact: Argo CD}, allowDrift: [Kubernetes]}}\n",
                kubeconfigs.toArray(Path[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReport().write(report, out);

        String md = out.toString(StandardCharsets.UTF_8);
        assertTrue(md.endsWith("""
                #### `drift`: matrix

                | env | Kubernetes | Istio | policy | Argo CD | drift |
                |---|---|---|---|---|---|
                | dev | v1.33.1 | 1-24-1 | v7 | Synced/Healthy 3f2a9c1 | Kubernetes (allowed) |
                | staging | v1.32.4 | 1-24-1 | v7 | Synced/Healthy 3f2a9c1 | none |
                | prod | v1.32.4 | 1-24-1 | v7 | Synced/Healthy 3f2a9c1 | none |
                """), md);
    }

    @Test
    void aDifferenceThatIsNotAllowedFailsNamingEveryContextsValue() throws Exception {
        CheckResult r = run("istio: true");

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("Kubernetes differs: dev v1.33.1, staging v1.32.4, prod v1.32.4", r.message());
        assertEquals(List.of("Kubernetes", "none", "none"), column(r, "drift"));
    }

    @Test
    void theGaugeCountsTheDistinctValuesOfEachFact() throws Exception {
        CheckResult r = run("istio: true, " + policy());

        Map<String, Double> facts = new java.util.TreeMap<>();
        for (Measurement m : r.measurements()) {
            assertEquals("kube_drift_facts", m.measure().metricSuffix());
            facts.put(m.labelValues().get(0), m.value());
        }
        assertEquals(Map.of("Kubernetes", 2.0, "Istio", 1.0, "policy", 1.0), facts);
    }

    @Test
    void aWorkloadImageThatDiffersInOneContextIsTheDriftOfThatRow() throws Exception {
        String name = "api-" + TEST.incrementAndGet();
        clusters.get(0).create(deployment("default", name, "ghcr.io/example/api:1.4.2"));
        clusters.get(1).create(deployment("default", name, "ghcr.io/example/api:1.4.2"));
        clusters.get(2).create(deployment("default", name, "registry.example.com:5000/example/api:1.4.1"));

        CheckResult r = run("kubernetes: false, workloads: [{namespace: default, name: " + name + "}]");

        assertEquals(name + " differs: dev 1.4.2, staging 1.4.2, prod 1.4.1", r.message());
        assertEquals(List.of("none", "none", name), column(r, "drift"));
    }

    @Test
    void aWorkloadWithSeveralContainersShowsEachContainersTag() throws Exception {
        String name = "web-" + TEST.incrementAndGet();
        for (FakeCluster fake : clusters) {
            fake.create(deployment("default", name, "ghcr.io/example/web:2.0.0",
                    "ghcr.io/example/agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        }

        CheckResult r = run("kubernetes: false, workloads: [{namespace: default, name: " + name + ", fact: web}]");

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals(List.of(name + "=2.0.0, sidecar-1=@sha256:0123456789ab"), column(r, "web").stream().distinct().toList());
    }

    @Test
    void aWorkloadMissingFromOneContextIsAbsentThere() throws Exception {
        String name = "worker-" + TEST.incrementAndGet();
        clusters.get(0).create(deployment("default", name, "ghcr.io/example/worker:3.1.0"));
        clusters.get(1).create(deployment("default", name, "ghcr.io/example/worker:3.1.0"));

        CheckResult r = run("kubernetes: false, workloads: [{namespace: default, name: " + name + "}]");

        assertEquals(name + " differs: dev 3.1.0, staging 3.1.0, prod absent", r.message());
    }

    @Test
    void aLabelOfANamedObjectIsCompared() throws Exception {
        String namespace = "team-" + TEST.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            clusters.get(i).create("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace
                    + ", labels: {app.kubernetes.io/version: \"" + (i == 2 ? "2026.10" : "2026.11") + "\"}}\n");
        }

        CheckResult r = run("kubernetes: false, metadata: [{kind: Namespace, name: " + namespace
                + ", label: app.kubernetes.io/version, fact: release}]");

        assertEquals("release differs: dev 2026.11, staging 2026.11, prod 2026.10", r.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"StatefulSet", "DaemonSet"})
    void theImageOfEveryOtherKindThatRunsPodsIsCompared(String kind) throws Exception {
        String name = kind.toLowerCase(Locale.ROOT) + "-" + TEST.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            clusters.get(i).create(deployment("default", name, "ghcr.io/example/store:" + (i == 2 ? "5.0.1" : "5.0.2"))
                    .replace("kind: Deployment", "kind: " + kind).replace("  replicas: 2\n", ""));
        }

        CheckResult r = run("kubernetes: false, workloads: [{namespace: default, name: " + name + ", kind: " + kind + "}]");

        assertEquals(name + " differs: dev 5.0.2, staging 5.0.2, prod 5.0.1", r.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConfigMap", "Service", "Node", "StatefulSet"})
    void aLabelOfANamedObjectOfEveryOtherKindIsCompared(String kind) throws Exception {
        String name = kind.toLowerCase(Locale.ROOT) + "-" + TEST.incrementAndGet();
        boolean namespaced = !kind.equals("Node");
        for (int i = 0; i < 3; i++) {
            clusters.get(i).create("apiVersion: " + (kind.equals("StatefulSet") ? "apps/v1" : "v1") + "\nkind: " + kind
                    + "\nmetadata: {name: " + name + (namespaced ? ", namespace: default" : "")
                    + ", labels: {app.kubernetes.io/version: \"" + (i == 2 ? "2026.10" : "2026.11") + "\"}}\n");
        }

        CheckResult r = run("kubernetes: false, metadata: [{kind: " + kind + ", name: " + name
                + (namespaced ? ", namespace: default" : "") + ", label: app.kubernetes.io/version, fact: release}]");

        assertEquals("release differs: dev 2026.11, staging 2026.11, prod 2026.10", r.message());
    }

    @Test
    void theRevisionOfAFluxKustomizationIsCompared() throws Exception {
        String name = "apps-" + TEST.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            String revision = "main@sha1:" + (i == 2 ? GitOpsObjects.SHA_B : SHA_A);
            GitOpsObjects.create(clusters.get(i), GitOpsObjects.kustomization("flux-system", name, revision, revision, true));
        }

        CheckResult r = run("kubernetes: false, gitops: {name: " + name + ", kind: Kustomization, fact: Flux}");

        assertEquals("Flux differs: dev Ready main@sha1:3f2a9c1, staging Ready main@sha1:3f2a9c1, prod Ready main@sha1:9e8d7c6",
                r.message());
    }

    @Test
    void theChartVersionOfAFluxHelmReleaseIsCompared() throws Exception {
        String name = "podinfo-" + TEST.incrementAndGet();
        for (int i = 0; i < 3; i++) {
            GitOpsObjects.create(clusters.get(i), GitOpsObjects.helmRelease("flux-system", name, i == 2 ? "6.7.0" : "6.7.1", null));
        }

        CheckResult r = run("kubernetes: false, gitops: {name: " + name + ", kind: HelmRelease, fact: Flux}");

        assertEquals("Flux differs: dev Ready 6.7.1, staging Ready 6.7.1, prod Ready 6.7.0", r.message());
    }

    @Test
    void theHttpFactIsFetchedOncePerContextWithTheContextInTheUrl() throws Exception {
        int before = policies.requests().size();

        CheckResult r = run("kubernetes: false, " + policy());

        assertEquals("3 contexts agree on 1 fact", r.message());
        List<String> targets = policies.requests().subList(before, policies.requests().size()).stream()
                .map(TestServers.Request::target).sorted().toList();
        assertEquals(List.of("/v1/sys/policy/dev", "/v1/sys/policy/prod", "/v1/sys/policy/staging"), targets);
    }

    @Test
    void anHttpFactThatCannotBeReadFailsNamingTheContextAndShowsError() throws Exception {
        CheckResult r = run("kubernetes: false, http: {name: policy, url: \"" + policies.url("/v1/sys/policy/")
                + "broken\", jsonPath: /data/version}");

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("context 'dev': policy: GET " + policies.url("/v1/sys/policy/broken") + " answered HTTP 503 (+2 more)", r.message());
        assertEquals(List.of("error", "error", "error"), column(r, "policy"));
        assertEquals(List.of("unread: policy", "unread: policy", "unread: policy"), column(r, "drift"));
    }

    @Test
    void anUnreachableContextFailsAndItsRowShowsErrors() throws Exception {
        Path gone;
        try (FakeCluster stopped = FakeCluster.start()) {
            gone = stopped.writeKubeconfig(dir.resolve("gone.kubeconfig"), "gone");
        }
        List<Path> files = new ArrayList<>(kubeconfigs);
        files.add(gone);

        CheckResult r = KubeChecklists.only(dir, "    - {id: drift, type: kube.drift, with: {clusters: [dev, staging, gone], "
                + "istio: true}}\n", files.toArray(Path[]::new));

        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("cannot reach the Kubernetes API server http://127.0.0.1:"), r.message());
        assertTrue(r.message().contains(" of context 'gone': connection refused"), r.message());
        assertEquals(Map.of("env", "gone", "Kubernetes", "error", "Istio", "error", "drift", "unread: Kubernetes, Istio"),
                matrix(r).rows().get(2));
    }

    @Test
    void allowDriftMustNameAFact() {
        String problems = KubeChecklists.problems("    - {id: drift, type: kube.drift, with: {clusters: [dev, prod], "
                + "istio: true, allowDrift: [istoi]}}\n");

        assertTrue(problems.contains("with.allowDrift: no fact is named 'istoi'"), problems);
        assertTrue(problems.contains("did you mean 'Istio'?"), problems);
    }

    @Test
    void oneContextIsNothingToCompare() {
        String problems = KubeChecklists.problems("    - {id: drift, type: kube.drift, with: {clusters: [prod]}}\n");

        assertTrue(problems.contains("with.clusters: needs 2 to 20 different contexts to compare, got 1"), problems);
    }

    @Test
    void anHttpFactWithoutJsonPathIsRefused() {
        String problems = KubeChecklists.problems("    - {id: drift, type: kube.drift, with: {clusters: [dev, prod], "
                + "http: {name: policy, url: \"https://vault.example.com/v1/sys/policy/$${cluster}\"}}}\n");

        assertTrue(problems.contains("with.http: entry 1 needs 'jsonPath'"), problems);
    }
}
