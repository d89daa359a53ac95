package io.smokegate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.smokegate.testing.Ports;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed call becomes: 403 with the missing permission, timeouts, unreachable servers, other errors. */
class KubeFailuresTest {

    private static final String SA = "service account " + FakeCluster.SERVICE_ACCOUNT;
    private static final ResourceRef PODS = ResourceRef.of(Pod.class);
    private static final ResourceRef NETWORK_CHAOS = ResourceRef.namespaced("chaos-mesh.org", "v1alpha1", "networkchaos");

    private static Vertx vertx;
    private static FakeCluster fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        fake = FakeCluster.start();
        fake.create(KubeClientsTest.pod("athens", "athens-0"));
    }

    @AfterAll
    static void stop() {
        fake.close();
        vertx.close().await();
    }

    @AfterEach
    void clearFaults() {
        fake.clearFaults();
    }

    private KubeClients clients(Path kubeconfig, Duration timeout) {
        return new KubeClients(KubeSettings.defaults().withKubeconfig(kubeconfig).withCallTimeout(timeout),
                KubeEnvironment.of(Map.of(), dir, dir.resolve("sa")), () -> vertx);
    }

    private KubeClients clients() {
        return clients(fake.writeKubeconfig(dir.resolve("config")), Duration.ofSeconds(5));
    }

    @Test
    void aForbiddenListNamesVerbResourceNamespaceAndServiceAccount() {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "pods", "athens");
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster()
                    .call(KubeOp.list(PODS, "athens"), c -> c.pods().inNamespace("athens").list()));
            assertEquals("forbidden: smokegate needs 'list' on 'pods' (v1) in namespace 'athens' (service account "
                    + "system:serviceaccount:smokegate:smokegate); grant it with a Role/ClusterRole", e.getMessage());
            assertEquals(KubeIdentity.Kind.SERVICE_ACCOUNT, e.identity().kind());
        }
    }

    @Test
    void theServersWordsNameTheRefusedRequestAndUserEvenIfTheCallDeclaredAnother() {
        fake.forbid("alice", "get", "chaos-mesh.org", "networkchaos", "athens");
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster()
                    .call(KubeOp.of("patch", NETWORK_CHAOS, "athens"), c -> c.genericKubernetesResources(
                            "chaos-mesh.org/v1alpha1", "NetworkChaos").inNamespace("athens").withName("delay").get()));
            assertEquals("forbidden: smokegate needs 'get' on 'networkchaos.chaos-mesh.org' (chaos-mesh.org/v1alpha1) in "
                    + "namespace 'athens' (user alice); grant it with a Role/ClusterRole", e.getMessage());
        }
    }

    @Test
    void aClusterScopedResourceNeedsAClusterRole() {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "nodes", null);
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster()
                    .call(KubeOp.list(ResourceRef.of(Node.class), null), c -> c.nodes().list()));
            assertEquals("forbidden: smokegate needs 'list' on 'nodes' (v1) cluster-wide (" + SA
                    + "); grant it with a ClusterRole and ClusterRoleBinding", e.getMessage());
        }
    }

    @Test
    void aListAcrossAllNamespacesNeedsAClusterRole() {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "list", "", "pods", null);
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster()
                    .call(KubeOp.list(PODS, null), c -> c.pods().inAnyNamespace().list()));
            assertEquals("forbidden: smokegate needs 'list' on 'pods' (v1) in all namespaces (" + SA
                    + "); grant it with a ClusterRole and ClusterRoleBinding", e.getMessage());
        }
    }

    @Test
    void a403InOtherWordsNamesTheDeclaredPermissionAndTheKubeconfigIdentity() {
        // An authorizing proxy in front of the API server, say, answering in its own words.
        fake.answer("GET", "/api/v1/namespaces/athens/pods", 403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"denied by policy\","
                        + "\"reason\":\"Forbidden\",\"code\":403}");
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster()
                    .call(KubeOp.list(PODS, "athens"), c -> c.pods().inNamespace("athens").list()));
            assertEquals("forbidden: smokegate needs 'list' on 'pods' (v1) in namespace 'athens' (" + SA
                    + "); grant it with a Role/ClusterRole", e.getMessage());
        }
    }

    @Test
    void aForbiddenNonResourcePathNeedsNonResourceUrls() {
        fake.answer("GET", "/version", 403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                + "\"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/version\\\"\",\"reason\":\"Forbidden\",\"code\":403}");
        try (KubeClients clients = clients()) {
            KubeForbiddenException e = assertThrows(KubeForbiddenException.class, () -> clients.cluster().serverVersion());
            assertEquals("forbidden: smokegate needs 'get' on path '/version' (user system:anonymous); grant it with a "
                    + "ClusterRole with nonResourceURLs", e.getMessage());
        }
    }

    @Test
    void aCallThatHangsFailsWhenItsTimeoutIsUp() {
        fake.delay("GET", "/api/v1/namespaces/athens/pods", Duration.ofSeconds(20));
        try (KubeClients clients = clients(fake.writeKubeconfig(dir.resolve("config")), Duration.ofMillis(1500))) {
            KubeCluster cluster = clients.cluster();
            cluster.serverVersion(); // the client is warm: what follows times the call alone
            long start = System.nanoTime();
            KubeTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                    KubeTimeoutException.class,
                    () -> cluster.call(KubeOp.list(PODS, "athens"), c -> c.pods().inNamespace("athens").list())));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 1400 && elapsedMs < 1500 + 1000, "failed after " + elapsedMs + " ms");
            assertEquals("the Kubernetes API server " + fake.url() + " of context 'fake' did not answer 'list' on 'pods' "
                    + "(v1) in namespace 'athens' within 1.5s", e.getMessage());
            assertInstanceOf(KubeUnreachableException.class, e, "a timeout counts as unreachable for exit codes");
        }
    }

    @Test
    void theClientStaysUsableAfterATimeout() {
        fake.delay("GET", "/api/v1/namespaces/athens/pods", Duration.ofSeconds(20));
        try (KubeClients clients = clients(fake.writeKubeconfig(dir.resolve("config")), Duration.ofMillis(500))) {
            KubeCluster cluster = clients.cluster();
            assertThrows(KubeTimeoutException.class,
                    () -> cluster.call(KubeOp.list(PODS, "athens"), c -> c.pods().inNamespace("athens").list()));
            assertEquals(FakeCluster.GIT_VERSION, cluster.serverVersion());
        }
    }

    @Test
    void aClosedPortIsAnUnreachableServerNotATimeout() throws Exception {
        int port = Ports.free();
        Path config = Files.writeString(dir.resolve("config"), fake.kubeconfig("gone").replace(fake.url(), "http://127.0.0.1:" + port));
        try (KubeClients clients = clients(config, Duration.ofSeconds(5))) {
            KubeUnreachableException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(KubeUnreachableException.class, () -> clients.cluster().serverVersion()));
            assertFalse(e instanceof KubeTimeoutException);
            assertEquals("cannot reach the Kubernetes API server http://127.0.0.1:" + port + " of context 'gone': "
                    + "connection refused", e.getMessage());
            assertEquals("gone", e.context());
            assertEquals("http://127.0.0.1:" + port, e.server());
        }
    }

    @Test
    void anUnknownHostIsAnUnreachableServer() throws Exception {
        Path config = Files.writeString(dir.resolve("config"),
                fake.kubeconfig("gone").replace(fake.url(), "http://no-such-host.invalid:6443"));
        try (KubeClients clients = clients(config, Duration.ofSeconds(5))) {
            KubeUnreachableException e = assertThrows(KubeUnreachableException.class, () -> clients.cluster().serverVersion());
            assertTrue(e.getMessage().startsWith("cannot reach the Kubernetes API server http://no-such-host.invalid:6443 of "
                    + "context 'gone': no such host "), e.getMessage());
        }
    }

    @Test
    void aMissingObjectIsAnApiErrorWithTheServersMessage() {
        try (KubeClients clients = clients()) {
            KubeApiException e = assertThrows(KubeApiException.class, () -> clients.cluster().call(
                    KubeOp.of("patch", PODS, "athens"), c -> c.pods().inNamespace("athens").withName("nope")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}")));
            assertEquals(404, e.status());
            assertEquals("NotFound", e.reason());
            assertEquals("context 'fake': 'patch' on 'pods' (v1) in namespace 'athens' failed with HTTP 404 NotFound: "
                    + "pods \"nope\" not found", e.getMessage());
        }
    }

    @Test
    void rejectedCredentialsSayWhoWasRejected() {
        fake.answer(null, "/api/v1/namespaces/athens/pods", 401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
        try (KubeClients clients = clients()) {
            KubeApiException e = assertThrows(KubeApiException.class, () -> clients.cluster()
                    .call(KubeOp.list(PODS, "athens"), c -> c.pods().inNamespace("athens").list()));
            assertEquals(401, e.status());
            assertEquals("unauthorized: the Kubernetes API server " + fake.url() + " of context 'fake' rejected the "
                    + "credentials of " + SA + "; renew the token or fix the kubeconfig user", e.getMessage());
        }
    }
}
