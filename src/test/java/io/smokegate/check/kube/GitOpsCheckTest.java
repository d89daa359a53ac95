package io.smokegate.check.kube;

import static io.smokegate.check.kube.GitOpsObjects.SHA_A;
import static io.smokegate.check.kube.GitOpsObjects.SHA_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kube.gitops} against Argo CD and Flux objects on the fake cluster, each test in namespaces of its own. */
class GitOpsCheckTest {

    private static final AtomicInteger TEST = new AtomicInteger();
    private static FakeCluster fake;

    @TempDir
    Path dir;

    private Path kubeconfig;
    private String argo;
    private String flux;

    @BeforeAll
    static void start() {
        fake = FakeCluster.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void namespaces() {
        int n = TEST.incrementAndGet();
        argo = "argocd-" + n;
        flux = "flux-" + n;
        kubeconfig = fake.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
        fake.clearFaults();
    }

    private CheckResult run(String with) throws Exception {
        return KubeChecklists.only(dir, "    - {id: gitops, type: kube.gitops, with: {cluster: prod, " + with + "}}\n", kubeconfig);
    }

    private String scope() {
        return "namespaces: [" + argo + "], fluxNamespaces: [" + flux + "]";
    }

    private static double measured(CheckResult r, String metric, String kind) {
        return r.measurements().stream().filter(m -> m.measure().metricSuffix().equals(metric) && m.labelValues().equals(List.of(kind)))
                .mapToDouble(Measurement::value).findFirst().orElseThrow(() -> new AssertionError(metric + "{" + kind + "}"));
    }

    @Test
    void syncedHealthyApplicationsAndReadyFluxObjectsPass() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "ledger", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.kustomization(flux, "apps", "main@sha1:" + SHA_A, "main@sha1:" + SHA_A, true));
        GitOpsObjects.create(fake, GitOpsObjects.helmRelease(flux, "podinfo", "6.5.4", null));

        CheckResult r = run(scope());

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("4 GitOps objects in sync (2 Applications, 1 Kustomization, 1 HelmRelease)", r.message());
        assertEquals("prod", r.details().get("context"));
        assertEquals(2.0, measured(r, "kube_gitops_objects", "Application"));
        assertEquals(0.0, measured(r, "kube_gitops_failing", "Application"));
        assertEquals(1.0, measured(r, "kube_gitops_objects", "HelmRelease"));
    }

    @Test
    void theRevisionOfEachObjectIsADetail() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.kustomization(flux, "apps", "main@sha1:" + SHA_A, "main@sha1:" + SHA_A, true));
        GitOpsObjects.create(fake, GitOpsObjects.helmRelease(flux, "podinfo", "6.5.4", null));

        CheckResult r = run(scope());

        assertEquals(List.of(
                Map.of("kind", "Application", "namespace", argo, "name", "payments", "status", "Synced/Healthy", "revision", SHA_A),
                Map.of("kind", "Kustomization", "namespace", flux, "name", "apps", "status", "Ready", "revision", "main@sha1:" + SHA_A),
                Map.of("kind", "HelmRelease", "namespace", flux, "name", "podinfo", "status", "Ready", "revision", "6.5.4")),
                r.details().get("objects"));
    }

    @Test
    void anOutOfSyncDegradedApplicationFailsSayingWhy() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.brokenApplication(argo, "ledger"));

        CheckResult r = run("kinds: [Application], namespaces: [" + argo + "]");

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("Application " + argo + "/ledger is OutOfSync and Degraded; last sync failed: one or more objects failed "
                + "to apply, reason: Deployment.apps \"ledger\" is invalid: spec.template.spec.containers[0].image: Required value; "
                + "ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: "
                + "code = Unknown desc = apps/ledger: app path does not exist", r.message());
        assertEquals(1.0, measured(r, "kube_gitops_failing", "Application"));
    }

    @Test
    void everyObjectOutOfSyncIsNamedInTheMessage() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.brokenApplication(argo, "ledger"));
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "OutOfSync", "Healthy", SHA_B));
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "search", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.helmRelease(flux, "podinfo", "6.5.4", "6.6.0"));

        CheckResult r = run(scope());

        assertTrue(r.message().startsWith("Application " + argo + "/ledger is OutOfSync and Degraded; last sync failed: "), r.message());
        assertTrue(r.message().endsWith("; also out of sync: Application " + argo + "/payments, HelmRelease " + flux + "/podinfo"),
                r.message());
        assertEquals(4, ((List<?>) r.details().get("failures")).size());
    }

    @Test
    void aKustomizationThatFailsToApplyANewRevisionFailsNamingBothRevisions() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.kustomization(flux, "apps", "main@sha1:" + SHA_A, "main@sha1:" + SHA_B, false));

        CheckResult r = run("kinds: [Kustomization], fluxNamespaces: [" + flux + "]");

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals(List.of("Kustomization " + flux + "/apps is not Ready: BuildFailed: kustomize build failed: accumulating "
                        + "resources: accumulation err='accumulating resources from 'ledger': open "
                        + "/tmp/kustomization-1/apps/ledger: no such file or directory'",
                "Kustomization " + flux + "/apps applied main@sha1:" + SHA_A + " but the last attempted revision is main@sha1:" + SHA_B),
                r.details().get("failures"));
    }

    @Test
    void aHelmReleaseWhoseUpgradeFailedStillReportsTheChartVersionThatRuns() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.helmRelease(flux, "podinfo", "6.5.4", "6.6.0"));

        CheckResult r = run("kinds: [HelmRelease], fluxNamespaces: [" + flux + "]");

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals("HelmRelease " + flux + "/podinfo is not Ready: UpgradeFailed: Helm upgrade failed for release "
                + "podinfo/podinfo with chart podinfo@6.6.0: context deadline exceeded (+1 more)", r.message());
        assertEquals("HelmRelease " + flux + "/podinfo applied 6.5.4 but the last attempted revision is 6.6.0",
                ((List<?>) r.details().get("failures")).get(1));
    }

    @Test
    void aKustomizationWhoseNewSpecIsNotReconciledYetFails() throws Exception {
        String yaml = GitOpsObjects.kustomization(flux, "apps", "main@sha1:" + SHA_A, "main@sha1:" + SHA_A, true);
        GitOpsObjects.create(fake, yaml);
        GitOpsObjects.editSpec(fake, yaml, "path", "./apps/staging");

        CheckResult r = run("kinds: [Kustomization], fluxNamespaces: [" + flux + "]");

        assertEquals("Kustomization " + flux + "/apps has not reconciled its current spec yet (generation 2, observed 1)", r.message());
    }

    @Test
    void namesLimitTheObjectsAndEachNamedOneMustExist() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.brokenApplication(argo, "ledger"));

        CheckResult r = run("kinds: [Application], namespaces: [" + argo + "], names: [payments, billing]");

        assertEquals("no Application named 'billing' (Applications in " + argo + ")", r.message());
        assertEquals(1, ((List<?>) r.details().get("objects")).size());
    }

    @Test
    void aSelectorLimitsTheObjects() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "ledger", "OutOfSync", "Healthy", SHA_B));

        CheckResult r = run("kinds: [Application], namespaces: [" + argo + "], selector: team=payments");

        assertEquals("1 GitOps object in sync (1 Application)", r.message());
    }

    @Test
    void findingNothingFails() throws Exception {
        CheckResult r = run(scope());

        assertEquals("found no Application or Kustomization or HelmRelease (Applications in " + argo + "; Flux objects in "
                + flux + ")", r.message());
    }

    @Test
    void aKindWhoseDefinitionIsNotInstalledIsSkipped() throws Exception {
        GitOpsObjects.create(fake, GitOpsObjects.application(argo, "payments", "Synced", "Healthy", SHA_A));
        fake.answer("GET", "/apis/helm\\.toolkit\\.fluxcd\\.io/.*", 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\",\"code\":404}");

        CheckResult r = run(scope());

        assertEquals("1 GitOps object in sync (1 Application)", r.message());
        assertEquals(List.of("HelmRelease"), r.details().get("notInstalled"));
    }

    @Test
    void aMissingPermissionFailsNamingIt() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "argoproj.io", "applications", argo);

        CheckResult r = run("kinds: [Application], namespaces: [" + argo + "]");

        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("forbidden: smokegate needs 'list' on 'applications.argoproj.io' (argoproj.io/v1alpha1) in "
                + "namespace '" + argo + "'"), r.message());
    }

    @Test
    void anUnknownKindIsRefusedWhenTheChecklistLoads() {
        String problems = KubeChecklists.problems("    - {id: gitops, type: kube.gitops, with: {kinds: [Applicaton]}}\n");

        assertTrue(problems.contains("with.kinds: unknown GitOps kind 'Applicaton'"), problems);
        assertTrue(problems.contains("did you mean 'Application'?"), problems);
    }
}
