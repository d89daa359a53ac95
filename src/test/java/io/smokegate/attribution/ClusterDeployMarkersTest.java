package io.smokegate.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.kube.GitOpsObjects;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.ListLimits;
import io.smokegate.testing.kube.ArgoApplications;
import io.smokegate.testing.kube.ConnectedFakeCluster;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy markers read from a fake cluster holding objects as Argo CD, Flux and the Deployment controller write them. */
class ClusterDeployMarkersTest {

    private static final String SHA1 = "6f6c0979809c12ce4aa687fb42be913f5dc78a75";
    private static final String SHA2 = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    @TempDir
    Path dir;

    private ConnectedFakeCluster connected;
    private FakeCluster fake;
    private KubeClients clients;

    @BeforeEach
    void start() {
        connected = ConnectedFakeCluster.start(dir, Duration.ofSeconds(10));
        fake = connected.fake();
        clients = connected.clients();
    }

    @AfterEach
    void stop() {
        connected.close();
    }

    private ClusterDeployMarkers.Result read(String environment, ClusterDeployMarkers.Kind... kinds) {
        return new ClusterDeployMarkers(List.of(clients.cluster()), new ClusterDeployMarkers.Settings(List.of(),
                environment, EnumSet.of(kinds[0], kinds), ListLimits.DEFAULT)).read();
    }

    @Test
    void argoCdHistoryEntriesBecomeMarkersWithTheirRevisionDeployTimeAndRepository() {
        fake.create(ArgoApplications.checkoutDeployedTwice(SHA1, SHA2));

        ClusterDeployMarkers.Result result = read(null, ClusterDeployMarkers.Kind.ARGOCD);

        assertEquals(List.of(
                new DeployMarker("checkout", "shop", "https://github.com/acme/shop.git", SHA1,
                        Instant.parse("2026-05-01T09:00:20Z"), null, "argocd Application argocd/checkout history #1"),
                new DeployMarker("checkout", "shop", "https://github.com/acme/shop.git", SHA2,
                        Instant.parse("2026-05-01T10:00:30Z"), null, "argocd Application argocd/checkout history #2")),
                result.markers());
        assertEquals(Map.of("checkout", "deploy/checkout"), result.sourcePaths());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void argoCdSyncRevisionNotYetInTheHistoryIsDatedByTheSyncOperationThatReachedIt() {
        fake.create("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: cart, namespace: argocd}
                spec:
                  source: {repoURL: 'https://github.com/acme/shop.git', path: deploy/cart}
                  destination: {namespace: shop}
                status:
                  sync: {status: Synced, revision: %s}
                  operationState:
                    phase: Succeeded
                    finishedAt: '2026-05-01T11:00:00Z'
                    syncResult: {revision: %s}
                """.formatted(SHA1, SHA1));

        assertEquals(List.of(new DeployMarker("cart", "production", "https://github.com/acme/shop.git", SHA1,
                        Instant.parse("2026-05-01T11:00:00Z"), null, "argocd Application argocd/cart status.sync.revision")),
                read("production", ClusterDeployMarkers.Kind.ARGOCD).markers());
    }

    @Test
    void anArgoCdHelmRepositorySourceRevisionIsAChartVersionNotACommit() {
        fake.create("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: redis, namespace: argocd}
                spec:
                  source: {repoURL: 'https://charts.bitnami.com/bitnami', chart: redis, targetRevision: 19.0.1}
                  destination: {namespace: cache}
                status:
                  history:
                  - {id: 4, revision: 19.0.1, deployedAt: '2026-05-01T12:00:00Z', source: {repoURL: 'https://charts.bitnami.com/bitnami', chart: redis}}
                """);

        DeployMarker marker = read(null, ClusterDeployMarkers.Kind.ARGOCD).markers().getFirst();
        assertNull(marker.commit());
        assertEquals("19.0.1", marker.version());
    }

    @Test
    void fluxKustomizationHistoryGivesOneMarkerPerAppliedRevisionAndSkipsFailedBuilds() {
        GitOpsObjects.create(fake, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: payments, namespace: flux-system}
                spec:
                  interval: 10m
                  path: ./clusters/prod/payments
                  prune: true
                  targetNamespace: payments
                  sourceRef: {kind: GitRepository, name: platform}
                status:
                  lastAppliedRevision: main@sha1:%2$s
                  lastAttemptedRevision: main@sha1:%2$s
                  history:
                  - digest: sha256:bbbb
                    firstReconciled: '2026-05-02T08:00:00Z'
                    lastReconciled: '2026-05-02T09:00:00Z'
                    lastReconciledDuration: 2.1s
                    lastReconciledStatus: ReconciliationSucceeded
                    totalReconciliations: 7
                    metadata: {revision: 'main@sha1:%2$s'}
                  - digest: sha256:cccc
                    firstReconciled: '2026-05-02T07:30:00Z'
                    lastReconciled: '2026-05-02T07:40:00Z'
                    lastReconciledDuration: 0.4s
                    lastReconciledStatus: BuildFailed
                    totalReconciliations: 2
                    metadata: {revision: 'main@sha1:ffffffffffffffffffffffffffffffffffffffff'}
                  - digest: sha256:aaaa
                    firstReconciled: '2026-05-01T08:00:00Z'
                    lastReconciled: '2026-05-02T07:00:00Z'
                    lastReconciledDuration: 1.9s
                    lastReconciledStatus: ReconciliationSucceeded
                    totalReconciliations: 30
                    metadata: {revision: 'main@sha1:%1$s'}
                """.formatted(SHA1, SHA2));

        ClusterDeployMarkers.Result result = read(null, ClusterDeployMarkers.Kind.FLUX);

        assertEquals(List.of(
                new DeployMarker("payments", "payments", "platform", SHA1, Instant.parse("2026-05-01T08:00:00Z"), null,
                        "flux Kustomization flux-system/payments history"),
                new DeployMarker("payments", "payments", "platform", SHA2, Instant.parse("2026-05-02T08:00:00Z"), null,
                        "flux Kustomization flux-system/payments history")), result.markers());
        assertEquals(Map.of("payments", "clusters/prod/payments"), result.sourcePaths());
    }

    @Test
    void fluxKustomizationWithoutHistoryUsesLastAppliedRevisionDatedByItsReadyCondition() {
        GitOpsObjects.create(fake, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: search, namespace: flux-system}
                spec: {path: ./apps/search, sourceRef: {kind: GitRepository, name: platform}}
                status:
                  lastAppliedRevision: release/v2@sha1:%s
                  conditions:
                  - {type: Ready, status: 'True', reason: ReconciliationSucceeded, lastTransitionTime: '2026-05-03T06:00:00Z',
                     message: 'Applied revision: release/v2@sha1:%s'}
                """.formatted(SHA1, SHA1));

        assertEquals(List.of(new DeployMarker("search", "flux-system", "platform", SHA1, Instant.parse("2026-05-03T06:00:00Z"),
                null, "flux Kustomization flux-system/search status.lastAppliedRevision")),
                read(null, ClusterDeployMarkers.Kind.FLUX).markers());
    }

    @Test
    void fluxRevisionsParseTheDigestAfterTheLastAtAndKeepOciDigestsAsVersions() {
        assertEquals(SHA1, ClusterDeployMarkers.fluxCommit("main@sha1:" + SHA1));
        assertEquals(SHA1, ClusterDeployMarkers.fluxCommit("feature/a@b@sha1:" + SHA1));
        assertEquals(SHA1, ClusterDeployMarkers.fluxCommit("sha1:" + SHA1));
        assertEquals(SHA1, ClusterDeployMarkers.fluxCommit("main/" + SHA1));
        assertNull(ClusterDeployMarkers.fluxCommit("latest@sha256:" + "ab".repeat(32)));
        assertNull(ClusterDeployMarkers.fluxCommit("1.2.3"));
    }

    @Test
    void fluxHelmReleaseSnapshotsBecomeMarkersCarryingTheChartVersionAndSkipFailedReleases() {
        GitOpsObjects.create(fake, """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: podinfo, namespace: apps}
                spec:
                  interval: 10m
                  chart:
                    spec: {chart: ./charts/podinfo, sourceRef: {kind: GitRepository, name: podinfo, namespace: flux-system}}
                status:
                  lastAttemptedRevision: 6.5.5
                  history:
                  - {name: podinfo, namespace: apps, version: 3, status: failed, chartName: podinfo, chartVersion: 6.5.5,
                     appVersion: 6.5.5, firstDeployed: '2026-05-04T10:00:00Z', lastDeployed: '2026-05-04T10:00:00Z'}
                  - {name: podinfo, namespace: apps, version: 2, status: deployed, chartName: podinfo, chartVersion: 6.5.4,
                     appVersion: 6.5.4, firstDeployed: '2026-05-03T10:00:00Z', lastDeployed: '2026-05-03T10:00:00Z'}
                """);

        ClusterDeployMarkers.Result result = read("staging", ClusterDeployMarkers.Kind.FLUX);

        assertEquals(List.of(new DeployMarker("podinfo", "staging", "podinfo", null, Instant.parse("2026-05-03T10:00:00Z"),
                "podinfo@6.5.4 (app 6.5.4)", "flux HelmRelease apps/podinfo history v2")), result.markers());
        assertEquals(Map.of("podinfo", "charts/podinfo"), result.sourcePaths());
    }

    private static String replicaSet(String name, String revision, String created, String image, String annotations) {
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %s
                  namespace: shop
                  creationTimestamp: '%s'
                  labels: {app.kubernetes.io/name: api, pod-template-hash: abc}
                  annotations: {deployment.kubernetes.io/revision: '%s'%s}
                  ownerReferences:
                  - {apiVersion: apps/v1, kind: Deployment, name: api-server, uid: 1b2c, controller: true}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: api, image: '%s'}]}
                """.formatted(name, created, revision, annotations, image);
    }

    @Test
    void replicaSetRolloutsAreMarkersOfTheirDeploymentCarryingTheImageAndNoCommit() {
        fake.create(replicaSet("api-server-5d4f", "3", "2026-05-05T09:00:00Z", "ghcr.io/acme/api:1.4.2",
                ", kubernetes.io/change-cause: 'kubectl set image deployment/api-server api=ghcr.io/acme/api:1.4.2'"));

        ClusterDeployMarkers.Result result = read(null, ClusterDeployMarkers.Kind.REPLICASETS);

        // The API server stamps creationTimestamp itself: the marker is dated by the stored one.
        Instant created = Instant.parse(clients.cluster().list(ClusterDeployMarkers.REPLICA_SETS, "shop", null, ListLimits.DEFAULT)
                .items().getFirst().getMetadata().getCreationTimestamp());
        assertEquals(List.of(new DeployMarker("api-server", "shop", "", null, created,
                "ghcr.io/acme/api:1.4.2", "ReplicaSet shop/api-server-5d4f revision 3")), result.markers());
    }

    @Test
    void aReplicaSetNamingItsCommitInACommitAnnotationOrItsChangeCauseCarriesThatCommit() {
        fake.create(replicaSet("api-server-1111", "4", "2026-05-05T10:00:00Z", "ghcr.io/acme/api:1.4.3",
                ", acme.com/commit: '" + SHA1 + "'"));
        fake.create(replicaSet("api-server-2222", "5", "2026-05-05T11:00:00Z", "ghcr.io/acme/api:1.4.4",
                ", kubernetes.io/change-cause: 'deploy commit " + SHA2.substring(0, 12) + " by CI'"));

        List<DeployMarker> markers = read(null, ClusterDeployMarkers.Kind.REPLICASETS).markers();

        assertEquals(List.of(SHA1, SHA2.substring(0, 12)), markers.stream().map(DeployMarker::commit).toList());
        assertEquals("ghcr.io/acme/api:1.4.3", markers.getFirst().version());
    }

    @Test
    void theVersionLabelIsKeptWithTheImagesOrTakenAsTheCommitWhenItIsAHash() {
        assertEquals(SHA1.substring(0, 8), ClusterDeployMarkers.replicaSetCommit(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), SHA1.substring(0, 8)));
        assertNull(ClusterDeployMarkers.replicaSetCommit(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), "1.4.2"));
    }

    @Test
    void aClusterWithoutArgoCdOrFluxGivesNoMarkersAndNoProblems() {
        fake.answer("GET", "/apis/argoproj\\.io/.*", 404,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
                        + "\"message\":\"the server could not find the requested resource\"}");

        ClusterDeployMarkers.Result result = read(null, ClusterDeployMarkers.Kind.ARGOCD);

        assertEquals(List.of(), result.markers());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void aForbiddenListIsReportedAndTheOtherKindsAreStillRead() {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "argoproj.io", "applications", null);
        fake.create(replicaSet("api-server-5d4f", "3", "2026-05-05T09:00:00Z", "ghcr.io/acme/api:1.4.2", ""));

        ClusterDeployMarkers.Result result = read(null, ClusterDeployMarkers.Kind.ARGOCD, ClusterDeployMarkers.Kind.REPLICASETS);

        assertEquals(1, result.markers().size());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().getFirst().startsWith("Argo CD Applications not read: "), result.problems().toString());
    }
}
