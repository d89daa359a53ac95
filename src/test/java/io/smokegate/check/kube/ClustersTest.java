package io.smokegate.check.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.smokegate.check.Check;
import io.smokegate.check.CheckContext;
import io.smokegate.check.Deadline;
import io.smokegate.check.Outcome;
import io.smokegate.check.Probe;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeCluster;
import io.smokegate.kube.KubeConfigException;
import io.smokegate.kube.KubeEnvironment;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes clients as a shared client of the check context, against a fake cluster over real HTTP. */
class ClustersTest {

    private static final FakeCluster fake = FakeCluster.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stopTheFakeCluster() {
        fake.close();
    }

    /** A check as the cluster checks will be: it asks the context for the clients and calls the API server. */
    private static final Check SERVER_VERSION = probe -> {
        KubeCluster cluster = Clusters.of(probe.context()).cluster();
        probe.detail("client", cluster.call(KubeOp.path("get", "/version"), c -> c));
        return Outcome.pass(cluster.serverVersion());
    };

    private CheckContext context(KubeSettings settings) {
        return CheckContext.standalone(dir.resolve("data")).with(KubeSettings.class, settings);
    }

    private KubeSettings eastOnly() {
        return KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("config"), "east"));
    }

    private static Probe run(Check check, CheckContext context) throws Exception {
        Probe probe = new Probe(Deadline.after(Duration.ofSeconds(10)), context);
        assertEquals(FakeCluster.GIT_VERSION, check.run(probe).message());
        return probe;
    }

    @Test
    void twoChecksInOneContextShareOneClient() throws Exception {
        try (CheckContext context = context(eastOnly())) {
            Probe first = run(SERVER_VERSION, context);
            Probe second = run(SERVER_VERSION, context);

            assertSame(first.details().get("client"), second.details().get("client"));
            assertSame(Clusters.of(context), Clusters.of(context));
            assertEquals(1, Clusters.of(context).openClients());
        }
    }

    @Test
    void askingForTheClientsNeitherReadsTheKubeconfigNorConnects() {
        Path missing = dir.resolve("no-such-kubeconfig");
        try (CheckContext context = context(KubeSettings.defaults().withKubeconfig(missing))) {
            KubeClients clients = Clusters.of(context);

            assertEquals(0, clients.openClients());
            KubeConfigException e = assertThrows(KubeConfigException.class, clients::cluster);
            assertEquals("kubeconfig " + missing + " does not exist or is not a file", e.getMessage());
        }
    }

    @Test
    void closingTheContextClosesTheKubernetesClients() throws Exception {
        CheckContext context = context(eastOnly());
        KubernetesClient client = (KubernetesClient) run(SERVER_VERSION, context).details().get("client");
        KubeClients clients = Clusters.of(context);
        assertFalse(client.getHttpClient().isClosed());

        context.close();

        assertTrue(client.getHttpClient().isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, clients::cluster);
        assertEquals("the Kubernetes clients are closed", e.getMessage());
        context.close();
        assertEquals("the check context is closed",
                assertThrows(IllegalStateException.class, () -> Clusters.of(context)).getMessage());
    }

    @Test
    void aContextNotAllowedByTheSettingsIsRefusedNamingTheAllowedOnes() {
        Path config = fake.writeKubeconfig(dir.resolve("config"), "east", "west");
        KubeEnvironment env = KubeEnvironment.of(Map.of("KUBECONFIG", config.toString()), dir, dir.resolve("sa"));
        KubeSettings settings = KubeSettings.defaults().withAllowedContexts(List.of("west", "staging"));
        try (CheckContext context = context(settings).with(KubeEnvironment.class, env)) {
            KubeConfigException e = assertThrows(KubeConfigException.class, () -> Clusters.of(context).cluster("east"));

            assertEquals("Kubernetes context 'east' is not allowed; allowed contexts: staging, west (kubernetes.contexts)",
                    e.getMessage());
            assertEquals("west", Clusters.of(context).cluster("west").context());
        }
    }
}
