package io.smokegate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smokegate.testing.kube.FakeCluster;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts, clients per context and their lifecycle, against fake clusters over real HTTP. */
class KubeClientsTest {

    private static final KubeOp LIST_PODS = KubeOp.list(ResourceRef.of(Pod.class), null);

    private static Vertx vertx;
    private static FakeCluster east;
    private static FakeCluster west;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        east = FakeCluster.start();
        west = FakeCluster.start();
        east.create(pod("athens", "athens-east"));
        west.create(pod("athens", "athens-west"));
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        vertx.close().await();
    }

    static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build();
    }

    private KubeClients clients(Map<String, String> variables) {
        return new KubeClients(KubeSettings.defaults(), KubeEnvironment.of(variables, dir.resolve("home"), dir.resolve("sa")),
                () -> vertx);
    }

    private static List<String> podNames(KubeCluster cluster) {
        return cluster.call(LIST_PODS, c -> c.pods().inAnyNamespace().list()).getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void theCurrentContextReachesItsCluster() {
        Path config = east.writeKubeconfig(dir.resolve("config"), "east");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", config.toString()))) {
            KubeCluster cluster = clients.cluster();
            assertEquals("east", cluster.context());
            assertEquals(east.url(), cluster.server());
            assertEquals(FakeCluster.GIT_VERSION, cluster.serverVersion());
            assertEquals(List.of("athens-east"), podNames(cluster));
        }
    }

    @Test
    void severalContextsAreUsableAtOnce() {
        Path eastConfig = east.writeKubeconfig(dir.resolve("east.yaml"), "east");
        Path westConfig = west.writeKubeconfig(dir.resolve("west.yaml"), "west");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", eastConfig + ":" + westConfig))) {
            assertEquals(List.of("east", "west"), clients.usableContexts());
            assertEquals(List.of("athens-east"), podNames(clients.cluster("east")));
            assertEquals(List.of("athens-west"), podNames(clients.cluster("west")));
            assertEquals(2, clients.openClients());
        }
    }

    @Test
    void onlyAllowedContextsAreUsable() {
        Path eastConfig = east.writeKubeconfig(dir.resolve("east.yaml"), "east");
        Path westConfig = west.writeKubeconfig(dir.resolve("west.yaml"), "west");
        KubeSettings settings = KubeSettings.defaults().withAllowedContexts(List.of("west"));
        try (KubeClients clients = new KubeClients(settings,
                KubeEnvironment.of(Map.of("KUBECONFIG", eastConfig + ":" + westConfig), dir, dir.resolve("sa")), () -> vertx)) {
            assertEquals(List.of("west"), clients.usableContexts());
            KubeConfigException e = assertThrows(KubeConfigException.class, () -> clients.cluster("east"));
            assertEquals("Kubernetes context 'east' is not allowed; allowed contexts: west (kubernetes.contexts)", e.getMessage());
            assertEquals(0, clients.openClients());
        }
    }

    @Test
    void anUnknownContextNamesTheKnownOnes() {
        Path config = east.writeKubeconfig(dir.resolve("config"), "east", "east-admin");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", config.toString()))) {
            KubeConfigException e = assertThrows(KubeConfigException.class, () -> clients.cluster("prod"));
            assertEquals("unknown Kubernetes context 'prod': no context 'prod' in KUBECONFIG=" + config
                    + " (known contexts: east, east-admin)", e.getMessage());
        }
    }

    @Test
    void aClientIsCreatedOnFirstUseAndReusedByLaterCalls() {
        Path config = east.writeKubeconfig(dir.resolve("config"), "east");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", config.toString()))) {
            assertEquals(0, clients.openClients());
            KubernetesClient first = clients.cluster("east").call(LIST_PODS, c -> c);
            podNames(clients.cluster());
            KubernetesClient later = clients.cluster("east").call(LIST_PODS, c -> c);
            assertSame(first, later);
            assertSame(clients.cluster(), clients.cluster("east"));
            assertEquals(1, clients.openClients());
        }
    }

    @Test
    void closeClosesEveryClient() {
        Path eastConfig = east.writeKubeconfig(dir.resolve("east.yaml"), "east");
        Path westConfig = west.writeKubeconfig(dir.resolve("west.yaml"), "west");
        KubeClients clients = clients(Map.of("KUBECONFIG", eastConfig + ":" + westConfig));
        KubernetesClient eastClient = clients.cluster("east").client();
        KubernetesClient westClient = clients.cluster("west").client();
        podNames(clients.cluster("east"));
        assertFalse(eastClient.getHttpClient().isClosed());
        clients.close();
        assertTrue(eastClient.getHttpClient().isClosed());
        assertTrue(westClient.getHttpClient().isClosed());
        assertEquals(0, clients.openClients());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> clients.cluster("east"));
        assertEquals("the Kubernetes clients are closed", e.getMessage());
    }

    @Test
    void theApplicationsVertxIsNotClosedWithTheClients() throws Exception {
        Path config = east.writeKubeconfig(dir.resolve("config"), "east");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", config.toString()))) {
            podNames(clients.cluster());
        }
        assertEquals("still running", vertx.executeBlocking(() -> "still running").toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void callsOnTheEventLoopAreRefused() throws Exception {
        Path config = east.writeKubeconfig(dir.resolve("config"), "east");
        try (KubeClients clients = clients(Map.of("KUBECONFIG", config.toString()))) {
            KubeCluster cluster = clients.cluster();
            String refusal = vertx.getOrCreateContext().<String>executeBlocking(() -> "worker", false)
                    .compose(ignored -> {
                        try {
                            cluster.serverVersion();
                            return io.vertx.core.Future.succeededFuture("called");
                        } catch (IllegalStateException e) {
                            return io.vertx.core.Future.succeededFuture(e.getMessage());
                        }
                    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("Kubernetes calls block the calling thread: make them from a worker or virtual thread "
                    + "(e.g. vertx.executeBlocking), never from the Vert.x event loop", refusal);
        }
    }

    @Test
    void inClusterCallsTrustTheMountedCaAndSendTheCurrentMountedToken() throws IOException {
        try (FakeCluster pod = FakeCluster.startTls()) {
            Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
            Files.writeString(sa.resolve("ca.crt"), pod.caCertificatePem());
            Files.writeString(sa.resolve("namespace"), "smokegate");
            Files.writeString(sa.resolve("token"), "first-token\n");
            KubeEnvironment env = KubeEnvironment.of(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                    "KUBERNETES_SERVICE_PORT", String.valueOf(pod.port())), dir.resolve("home"), sa);
            try (KubeClients clients = new KubeClients(KubeSettings.defaults(), env, () -> vertx)) {
                KubeCluster cluster = clients.cluster();
                assertEquals("in-cluster", cluster.context());
                assertEquals("smokegate", cluster.namespace());
                assertEquals(FakeCluster.GIT_VERSION, cluster.serverVersion());
                Files.writeString(sa.resolve("token"), "rotated-token\n");
                cluster.serverVersion();
            }
            assertEquals(List.of("Bearer first-token", "Bearer rotated-token"), pod.authorizations());
        }
    }
}
