package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.techdebt.helm.ChartRepoServer;
import io.smokegate.techdebt.helm.HelmStorage;
import io.smokegate.techdebt.hygiene.WorkloadHygieneTest;
import io.smokegate.techdebt.live.DeprecatedApiMetricTest;
import io.smokegate.techdebt.live.LastAppliedConfigurationsTest;
import io.smokegate.testing.Ports;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate techdebt --kubeconfig}: Helm releases and workload hygiene of a fake cluster, exit codes 2 and 3. */
class TechDebtClusterTest {

    private static FakeCluster fake;
    private static ChartRepoServer charts;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeCluster.start();
        WorkloadHygieneTest.createShop(fake, "shop");
        fake.create(HelmStorage.secret("web", "shop", 7, "deployed", "nginx", "1.2.0", """
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: web}
                """));
        charts = ChartRepoServer.stable();
    }

    @AfterAll
    static void stop() {
        charts.close();
        fake.close();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonListsHelmReleasesHygieneAndTheirFiguresJudgedAgainstTheServersVersion() throws Exception {
        Path config = fake.writeKubeconfig(dir.resolve("config"));
        CliRun run = CliRun.of("techdebt", "--kubeconfig", config.toString(), "--namespace", "shop",
                "--chart-repo", charts.url("/stable"), "--format", "json");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("v1.32.0", json.get("targetVersion").asText());
        assertEquals(List.of("deprecatedApiFiles", "deprecatedApiObjects", "helmDeprecatedCharts", "helmOutdated",
                "helmOutdatedRatio", "helmReleases", "cpuLimitsMissing", "cpuRequestsMissing", "deploymentMissingReplicas",
                "deploymentsWithoutPdb", "hygieneWorkloads", "livenessProbeMissing", "memoryLimitsMissing", "memoryRequestsMissing",
                "missingPodDisruptionBudget", "readinessProbeMissing", "runAsRootAllowed", "statefulSetsWithoutPdb",
                "tagNotSpecified", "lastAppliedObjects"), fields(json.get("figures")));
        assertEquals(1.0, json.get("figures").get("helmOutdatedRatio").asDouble());
        assertEquals(1, json.get("figures").get("statefulSetsWithoutPdb").asInt());
        assertEquals("[{\"release\":\"web\",\"namespace\":\"shop\",\"chart\":\"nginx\",\"version\":\"1.2.0\",\"latest\":\"3.1.0\","
                + "\"outdated\":true,\"majorsBehind\":2,\"deprecated\":false}]", json.get("helmReleases").toString());
        assertEquals("{\"source\":\"helm\",\"file\":null,\"line\":null,\"kind\":\"Ingress\",\"name\":\"web/web\",\"namespace\":\"shop\","
                + "\"apiVersion\":\"extensions/v1beta1\",\"replacement\":\"networking.k8s.io/v1\",\"deprecatedIn\":\"v1.14.0\","
                + "\"removedIn\":\"v1.22.0\",\"status\":\"removed\"}", json.get("deprecatedApis").get(0).toString());
        assertEquals(List.of("check", "kind", "namespace", "name", "message"), fields(json.get("hygiene").get(0)));
        assertEquals(5, json.get("hygiene").size());
        assertEquals("[]", json.get("skipped").toString());
    }

    @Test
    void textSaysWhereTheTargetCameFromAndListsReleasesAndFindings() {
        Path config = fake.writeKubeconfig(dir.resolve("config"));
        CliRun run = CliRun.of("techdebt", "--kubeconfig", config.toString(), "--namespace", "shop", "--chart-repo", charts.url("/stable"));
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("""
                tech debt: 1 object uses deprecated API versions
                1 Helm release, 5 workloads, 0 last-applied annotations scanned against Kubernetes v1.32.0, the version of context 'fake'
                  helm  Ingress shop/web/web  extensions/v1beta1 → networking.k8s.io/v1  removed (since v1.22.0)
                1 Helm release, 1 outdated (100%)
                  shop/web  nginx 1.2.0 → 3.1.0 (2 major versions behind)
                hygiene: 5 findings
                  missingPodDisruptionBudget  Deployment shop/api  no PodDisruptionBudget selects its pods (labels app=api): a node drain may evict all 2 replicas at once
                  livenessProbeMissing  Deployment shop/api  container api: no livenessProbe
                  tagNotSpecified  Deployment shop/api  image without a fixed tag in container api (shop/api:latest: the moving tag latest): what runs changes with the registry; pin a version or a digest
                  missingPodDisruptionBudget  StatefulSet shop/cache  no PodDisruptionBudget selects its pods (labels app=cache,tier=data): a node drain may evict all 2 replicas at once
                  runAsRootAllowed  DaemonSet shop/logs  container fluent-bit: may run as root: neither it nor the pod sets runAsNonRoot: true or a runAsUser above 0
                """, run.out());
    }

    @Test
    void overAWholeClusterLastAppliedAnnotationsAndTheApiServersMetricAreRead() {
        try (FakeCluster own = FakeCluster.start()) {
            own.create(LastAppliedConfigurationsTest.deployment("legacy", "web",
                    LastAppliedConfigurationsTest.applied("extensions/v1beta1", "Deployment", "legacy", "web")));
            own.metricsText(DeprecatedApiMetricTest.PAGE);
            Path config = own.writeKubeconfig(dir.resolve("own"));
            CliRun run = CliRun.of("techdebt", "--kubeconfig", config.toString(), "--target-version", "v1.24");
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
            assertEquals("""
                    tech debt: 4 objects use deprecated API versions
                    0 Helm releases, 1 workload, 1 last-applied annotation scanned against Kubernetes v1.24.0
                      last-applied  Deployment legacy/web  extensions/v1beta1 → apps/v1  removed (since v1.16.0)
                      apiserver  componentstatuses (requested by a client)  v1 → (no replacement)  deprecated (removal not scheduled)
                      apiserver  cronjobs (requested by a client)  batch/v1beta1 → batch/v1  removed-in-next (removed in v1.25.0)
                      apiserver  flowschemas/status (requested by a client)  flowcontrol.apiserver.k8s.io/v1beta3 → flowcontrol.apiserver.k8s.io/v1  deprecated (since v1.29.0, removed in v1.32.0)
                    0 Helm releases, 0 outdated (0%)
                    hygiene: 1 finding
                      missingPodDisruptionBudget  Deployment legacy/web  no PodDisruptionBudget selects its pods (labels none): a node drain may evict all 2 replicas at once
                    """, run.out());
        }
    }

    @Test
    void anUnreachableClusterExitsThree() throws Exception {
        int port = Ports.free();
        Path config = Files.writeString(dir.resolve("dead"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: dead, cluster: {server: "http://127.0.0.1:%d"}}
                users:
                - {name: smokegate, user: {token: t}}
                contexts:
                - {name: gone, context: {cluster: dead, user: smokegate}}
                current-context: gone
                """.formatted(port));
        CliRun run = CliRun.of("techdebt", "--kubeconfig", config.toString());
        assertEquals(ExitCode.UNREACHABLE, run.exitCode());
        assertEquals("error: cannot reach the Kubernetes API server http://127.0.0.1:" + port + " of context 'gone': connection refused\n",
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownContextAMissingKubeconfigAndABadChartRepoAreInvalidInput() {
        Path config = fake.writeKubeconfig(dir.resolve("config"));
        CliRun context = CliRun.of("techdebt", "--kubeconfig", config.toString(), "--context", "prod");
        assertEquals(ExitCode.INVALID, context.exitCode());
        assertTrue(context.err().startsWith("error: unknown Kubernetes context 'prod'"), context.err());
        CliRun missing = CliRun.of("techdebt", "--kubeconfig", dir.resolve("nope").toString());
        assertEquals(ExitCode.INVALID, missing.exitCode());
        assertEquals("error: kubeconfig " + dir.resolve("nope") + " does not exist or is not a file\n", missing.err());
        CliRun repo = CliRun.of("techdebt", "--kubeconfig", config.toString(), "--chart-repo", "oci://registry.example.com/charts");
        assertEquals(ExitCode.INVALID, repo.exitCode());
        assertEquals("error: --chart-repo oci://registry.example.com/charts: not an http(s) URL of a Helm chart repository,"
                + " e.g. https://charts.example.com/stable\n", repo.err());
    }

    @Test
    void aChartRepoWithoutAClusterIsInvalidInput() {
        CliRun run = CliRun.of("techdebt", "--repo", dir.toString(), "--chart-repo", charts.url("/stable"));
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --chart-repo applies to the Helm releases and workloads of a cluster: add --kubeconfig or --context\n",
                run.err());
    }
}
