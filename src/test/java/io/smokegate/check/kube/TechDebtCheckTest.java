package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.techdebt.DeprecatedApis;
import io.smokegate.techdebt.TargetVersions;
import io.smokegate.techdebt.TechDebtFigures;
import io.smokegate.techdebt.hygiene.WorkloadHygieneTest;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TestMeasures;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kube.techdebt} against a fake cluster (API server v1.32.0) holding a shop: one StatefulSet without a
 * PodDisruptionBudget, one image tagged latest, five workloads.
 */
class TechDebtCheckTest extends FakeClusterChecks {

    private static final String NEWEST = TargetVersions.newest(DeprecatedApis.bundled()).kubernetes().toString();

    /** A PodDisruptionBudget written against policy/v1beta1: deprecated in v1.21, removed in v1.25. */
    private static final String OLD_PDB = """
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
            """;

    @BeforeEach
    void aShop() {
        WorkloadHygieneTest.createShop(fake, "shop");
    }

    private Path repo() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(repo.resolve("pdb.yaml"), OLD_PDB);
        return repo;
    }

    /** The API server's answer to {@code GET /version} for {@code gitVersion}. */
    private void serverVersion(String gitVersion, String minor) {
        fake.answer("GET", "/version", 200, "{\"major\":\"1\",\"minor\":\"" + minor + "\",\"gitVersion\":\"" + gitVersion
                + "\",\"gitCommit\":\"0000000000000000000000000000000000000000\",\"gitTreeState\":\"clean\","
                + "\"buildDate\":\"2025-01-01T00:00:00Z\",\"goVersion\":\"go1.23.4\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}");
    }

    @Test
    void figuresWithinTheirThresholdsPass() throws Exception {
        CheckResult result = check("{id: debt, type: kube.techdebt, with: {namespaces: [shop], "
                + "thresholds: {statefulSetsWithoutPdb: 1, deprecatedApiObjects: 0}}}");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("2 tech-debt figures within their thresholds against Kubernetes v1.32.0: statefulSetsWithoutPdb 1 (max 1),"
                + " deprecatedApiObjects 0 (max 0)", result.message());
        assertEquals(1.0, TestMeasures.value(result, KubeFamily.TECHDEBT_FIGURE, "statefulSetsWithoutPdb"));
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.TECHDEBT_FIGURE, "deprecatedApiObjects"));
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.TECHDEBT_THRESHOLDS_CROSSED));
        assertEquals("fake", result.details().get("context"));
        assertEquals("v1.32.0", result.details().get("targetVersion"));
    }

    @Test
    void eachCrossedThresholdIsNamedWithItsValueAndMaximum() throws Exception {
        CheckResult result = failing("{id: debt, type: kube.techdebt, with: {namespaces: [shop], "
                + "thresholds: {statefulSetsWithoutPdb: 0, hygieneWorkloads: 10, tagNotSpecified: 0}}}");

        assertEquals("2 of 3 tech-debt thresholds crossed, judged against Kubernetes v1.32.0: statefulSetsWithoutPdb is 1,"
                + " above the maximum of 0; tagNotSpecified is 1, above the maximum of 0", result.message());
        assertEquals(List.of("statefulSetsWithoutPdb is 1, above the maximum of 0", "tagNotSpecified is 1, above the maximum of 0"),
                result.details().get("failures"));
        assertEquals(2.0, TestMeasures.value(result, KubeFamily.TECHDEBT_THRESHOLDS_CROSSED));
        assertEquals(5.0, TestMeasures.value(result, KubeFamily.TECHDEBT_FIGURE, "hygieneWorkloads"));
    }

    @Test
    void aThresholdOnAFigureTheScanDidNotReportFailsNamingIt() throws Exception {
        CheckResult result = failing("{id: debt, type: kube.techdebt, with: {namespaces: [shop], "
                + "thresholds: {manifestFilesScanned: 100, hygieneWorkloads: 10}}}");

        assertEquals("1 of 2 tech-debt thresholds not judged, judged against Kubernetes v1.32.0: manifestFilesScanned was not"
                + " reported by the scan, so its threshold cannot be judged (its source did not run: add repos or a cluster)",
                result.message());
        assertEquals(0.0, TestMeasures.value(result, KubeFamily.TECHDEBT_THRESHOLDS_CROSSED));
    }

    @Test
    void anUnknownFigureIsRefusedWhenTheChecklistLoads() {
        String problems = KubeChecklists.problems("    - {id: debt, type: kube.techdebt, with: {thresholds: {statefulSetWithoutPdb: 0}}}\n");

        assertEquals("cluster.yaml:6:58: spec.checks[0].with.thresholds: unknown figure 'statefulSetWithoutPdb' ("
                + TechDebtFigures.hint("statefulSetWithoutPdb") + ")", problems);
    }

    @Test
    void theClustersLiveVersionIsTheDefaultTarget() throws Exception {
        serverVersion("v1.20.4-eks-1234", "20");

        CheckResult result = check("{id: debt, type: kube.techdebt, with: {namespaces: [shop], repos: ['" + repo() + "'],"
                + " thresholds: {deprecatedApiObjects: 0}}}");

        assertEquals("1 tech-debt figure within its threshold against Kubernetes v1.20.0: deprecatedApiObjects 0 (max 0)",
                result.message(), "policy/v1beta1 was deprecated only in v1.21");
        assertEquals("v1.20.0", result.details().get("targetVersion"));
    }

    @Test
    void targetVersionIsJudgedAgainstInsteadOfTheClustersVersion() throws Exception {
        serverVersion("v1.20.4-eks-1234", "20");

        CheckResult result = failing("{id: debt, type: kube.techdebt, with: {namespaces: [shop], repos: ['" + repo() + "'],"
                + " targetVersion: v1.25, thresholds: {deprecatedApiObjects: 0, deprecatedApiFiles: 0}}}");

        assertEquals("2 of 2 tech-debt thresholds crossed, judged against Kubernetes v1.25.0: deprecatedApiObjects is 1, above"
                + " the maximum of 0; deprecatedApiFiles is 1, above the maximum of 0", result.message());
    }

    @Test
    void reposAloneAreScannedWithoutAskingTheCluster() throws Exception {
        fake.clearRequests();

        CheckResult result = failing("{id: debt, type: kube.techdebt, with: {repos: ['" + repo() + "'],"
                + " thresholds: {deprecatedApiFiles: 0, manifestFilesScanned: 1}}}");

        assertEquals("1 of 2 tech-debt thresholds crossed, judged against Kubernetes " + NEWEST + ": deprecatedApiFiles is 1, above"
                + " the maximum of 0", result.message());
        assertEquals(List.of(), fake.requests());
        assertEquals(null, result.details().get("context"));
    }

    @Test
    void aForbiddenSourceIsASkippedDetailNotAFailure() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "secrets", "shop");

        CheckResult result = check("{id: debt, type: kube.techdebt, with: {namespaces: [shop], "
                + "thresholds: {statefulSetsWithoutPdb: 1}}}");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("1 tech-debt figure within its threshold against Kubernetes v1.32.0: statefulSetsWithoutPdb 1 (max 1);"
                + " 1 item skipped", result.message());
        assertEquals(List.of("helm: Helm releases stored as Secrets not (fully) read: forbidden: smokegate needs 'list' on"
                + " 'secrets' (v1) in namespace 'shop' (service account system:serviceaccount:smokegate:smokegate); grant it"
                + " with a Role/ClusterRole"), result.details().get("skipped"));
        assertEquals(1, result.details().get("skippedCount"));
    }

    @Test
    void aServerVersionThatCannotBeReadIsSkippedAndTheTablesNewestJudges() throws Exception {
        fake.forbidPath(FakeCluster.SERVICE_ACCOUNT, "get", "/version");

        CheckResult result = check("{id: debt, type: kube.techdebt, with: {namespaces: [shop], "
                + "thresholds: {statefulSetsWithoutPdb: 1}}}");

        assertEquals(CheckStatus.PASSED, result.status(), result.message());
        assertEquals("1 tech-debt figure within its threshold against Kubernetes " + NEWEST + ": statefulSetsWithoutPdb 1"
                + " (max 1); 1 item skipped", result.message());
        assertEquals(List.of("server-version: context 'fake': the server's version was not read (forbidden: smokegate needs"
                + " 'get' on path '/version' (service account system:serviceaccount:smokegate:smokegate); grant it with a"
                + " ClusterRole with nonResourceURLs); Kubernetes is judged against " + NEWEST + ", the newest release the table"
                + " knows"), result.details().get("skipped"));
    }

    @Test
    void anUnreachableApiServerFailsTheCheckRatherThanSkippingEverySource() throws Exception {
        String url = "http://127.0.0.1:" + Ports.free();
        checklist.kubeconfig(Files.writeString(dir.resolve("unreachable"), fake.kubeconfig("fake").replace(fake.url(), url)));

        assertEquals("cannot reach the Kubernetes API server " + url + " of context 'fake': connection refused",
                failing("{id: debt, type: kube.techdebt, with: {targetVersion: v1.32, thresholds: {deprecatedApiObjects: 0}}}")
                        .message());
    }
}
