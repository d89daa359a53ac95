package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.ManifestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate techdebt --repo DIR}: no cluster needed, exit codes, and the three formats. */
class TechDebtCommandTest {

    @TempDir
    Path dir;

    private Path repo() throws Exception {
        return ManifestRepos.sample(Files.createDirectories(dir.resolve("repo")));
    }

    @Test
    void findingsAreListedInTextAndWithoutThresholdsDoNotFailTheScan() throws Exception {
        Path repo = repo();
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString(), "--target-version", "v1.23");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("""
                tech debt: 2 objects in 1 file use deprecated API versions
                3 manifest files scanned against Kubernetes v1.23.0
                  %1$s/app/web.yaml:1  Ingress shop/web  extensions/v1beta1 → networking.k8s.io/v1  removed (since v1.22.0)
                  %1$s/app/web.yaml:5  HorizontalPodAutoscaler shop/web  autoscaling/v2beta2 → autoscaling/v2  deprecated (since v1.23.0, removed in v1.26.0)
                skipped 1 item:
                  %1$s/chart/templates/pdb.yaml:4:10: Go template braces '{{' read as a YAML mapping key (a Helm or Go template is YAML only once rendered: scan the output of 'helm template' or 'kustomize build' instead)
                """.formatted(repo), run.out());
        assertEquals("", run.err());
    }

    @Test
    void jsonFollowsTheDocumentedShape() throws Exception {
        Path repo = repo();
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString(), "--format", "json", "--target-version", "1.25",
                "--target-version", "cert-manager=v1.5.3");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("scannedAt", "targetVersion", "targetVersions", "partial", "figures", "deprecatedApis",
                "helmReleases", "hygiene", "skipped"), fields(json));
        assertEquals("v1.25.0", json.get("targetVersion").asText());
        assertEquals("{\"cert-manager\":\"v1.5.3\",\"istio\":\"v1.6.0\",\"k8s\":\"v1.25.0\"}", json.get("targetVersions").toString());
        assertEquals("{\"deprecatedApiFiles\":1,\"deprecatedApiObjects\":2,\"manifestFilesScanned\":3}", json.get("figures").toString());
        assertEquals(List.of("source", "file", "line", "kind", "name", "namespace", "apiVersion", "replacement", "deprecatedIn",
                "removedIn", "status"), fields(json.get("deprecatedApis").get(0)));
        assertEquals(("{\"source\":\"file\",\"file\":\"%s/app/web.yaml\",\"line\":5,\"kind\":\"HorizontalPodAutoscaler\","
                + "\"name\":\"web\",\"namespace\":\"shop\",\"apiVersion\":\"autoscaling/v2beta2\",\"replacement\":\"autoscaling/v2\","
                + "\"deprecatedIn\":\"v1.23.0\",\"removedIn\":\"v1.26.0\",\"status\":\"removed-in-next\"}").formatted(repo),
                json.get("deprecatedApis").get(1).toString());
        assertEquals("[]", json.get("helmReleases").toString());
        assertEquals("[]", json.get("hygiene").toString());
        assertEquals(true, json.get("partial").asBoolean());
        assertEquals(List.of("source", "reason"), fields(json.get("skipped").get(0)));
        assertTrue(json.get("scannedAt").asText().endsWith("Z"), json.get("scannedAt").asText());
    }

    @Test
    void markdownIsATableOfTheOffendingObjects() throws Exception {
        Path repo = repo();
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString(), "--format", "markdown", "--target-version", "v1.26");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("""
                ### smokegate tech debt: 2 objects in 1 file use deprecated API versions

                3 manifest files scanned against Kubernetes v1.26.0

                | File | Object | API version | Replacement | Status |
                |---|---|---|---|---|
                | `%1$s/app/web.yaml:1` | Ingress shop/web | `extensions/v1beta1` | `networking.k8s.io/v1` | removed (since v1.22.0) |
                | `%1$s/app/web.yaml:5` | HorizontalPodAutoscaler shop/web | `autoscaling/v2beta2` | `autoscaling/v2` | removed (since v1.26.0) |

                Skipped 1 item:
                """.formatted(repo)), run.out());
    }

    @Test
    void withoutATargetTheNewestReleaseTheTableKnowsIsUsedAndSaidSo() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString());
        assertEquals("tech debt: no deprecated API versions\n0 manifest files scanned against Kubernetes v1.36.0, the newest"
                + " release the table knows (choose one with --target-version)\n", run.out());
    }

    @Test
    void aRepoThatIsNoDirectoryIsInvalidInput() throws Exception {
        Path file = Files.writeString(dir.resolve("file.yaml"), "a: b\n");
        CliRun missing = CliRun.of("techdebt", "--repo", dir.resolve("missing").toString());
        assertEquals(ExitCode.INVALID, missing.exitCode());
        assertEquals("error: --repo " + dir.resolve("missing") + ": no such directory\n", missing.err());
        CliRun notDir = CliRun.of("techdebt", "--repo", file.toString());
        assertEquals(ExitCode.INVALID, notDir.exitCode());
        assertEquals("error: --repo " + file + ": not a directory\n", notDir.err());
    }

    @Test
    void aBadTargetVersionIsInvalidInput() {
        CliRun run = CliRun.of("techdebt", "--repo", dir.toString(), "--target-version", "latest");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --target-version latest: 'latest' is not a release version (write it like v1.32, v1.32.0 or 1.32)\n",
                run.err());
        CliRun component = CliRun.of("techdebt", "--repo", dir.toString(), "--target-version", "linkerd=v2.14");
        assertEquals(ExitCode.INVALID, component.exitCode());
        assertEquals("error: --target-version linkerd=v2.14: unknown component 'linkerd' (components: cert-manager, istio, k8s;"
                + " e.g. cert-manager=v1.14)\n", component.err());
    }

    @Test
    void anUnknownFormatAndAMissingRepoAreInvalidInput() {
        CliRun format = CliRun.of("techdebt", "--repo", dir.toString(), "--format", "junit");
        assertEquals(ExitCode.INVALID, format.exitCode());
        assertEquals("error: --format: unknown format 'junit'; use text, json or markdown\n", format.err());
        // without --repo the scan reads a cluster: a kubeconfig that does not exist is invalid input
        CliRun noRepo = CliRun.of("techdebt", "--kubeconfig", dir.resolve("missing-config").toString());
        assertEquals(ExitCode.INVALID, noRepo.exitCode());
        assertEquals("error: kubeconfig " + dir.resolve("missing-config") + " does not exist or is not a file\n", noRepo.err());
    }

    @Test
    void aCrossedThresholdIsListedOnStderrAndExitsOne() throws Exception {
        Path repo = repo();
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString(), "--target-version", "v1.23", "--format", "json",
                "--threshold", "deprecatedApiFiles=0", "--threshold", "deprecatedApiObjects=2", "--threshold", "manifestFilesScanned=1");
        assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
        assertEquals("""
                threshold crossed: deprecatedApiFiles is 1, above the maximum of 0
                threshold crossed: manifestFilesScanned is 3, above the maximum of 1
                """, run.err());
        assertEquals("v1.23.0", new ObjectMapper().readTree(run.out()).get("targetVersion").asText(), "stdout stays the JSON report");
    }

    @Test
    void thresholdsAtOrAboveTheFiguresPassAndOnesWithoutTheirSourceAreNoted() throws Exception {
        Path repo = repo();
        CliRun run = CliRun.of("techdebt", "--repo", repo.toString(), "--threshold", "deprecatedApiFiles=1",
                "--threshold", "helmOutdatedRatio=0.3");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("note: threshold on helmOutdatedRatio not judged: this scan has no such figure (its source did not run)\n",
                run.err());
    }

    @Test
    void aBadThresholdIsInvalidInputListingTheKnownFigures() {
        CliRun unknown = CliRun.of("techdebt", "--repo", dir.toString(), "--threshold", "yamlFiles=3");
        assertEquals(ExitCode.INVALID, unknown.exitCode());
        assertEquals("error: --threshold yamlFiles=3: unknown figure 'yamlFiles' (known figures: deprecatedApiFiles, "
                + "deprecatedApiObjects, manifestFilesScanned, helmReleases, helmOutdated, helmOutdatedRatio, "
                + "helmDeprecatedCharts, hygieneWorkloads, statefulSetsWithoutPdb, deploymentsWithoutPdb, "
                + "missingPodDisruptionBudget, deploymentMissingReplicas, livenessProbeMissing, readinessProbeMissing, "
                + "cpuRequestsMissing, memoryRequestsMissing, cpuLimitsMissing, memoryLimitsMissing, tagNotSpecified, "
                + "runAsRootAllowed, lastAppliedObjects, deprecatedApisRequested)\n", unknown.err());
        CliRun notANumber = CliRun.of("techdebt", "--repo", dir.toString(), "--threshold", "deprecatedApiFiles=few");
        assertEquals(ExitCode.INVALID, notANumber.exitCode());
        assertEquals("error: --threshold deprecatedApiFiles=few: deprecatedApiFiles: 'few' is not a number of at least 0\n",
                notANumber.err());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
