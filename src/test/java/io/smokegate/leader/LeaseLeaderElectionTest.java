package io.smokegate.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.smokegate.config.LeaderElectionConfig;
import io.smokegate.kube.KubeApiException;
import io.smokegate.kube.KubeClients;
import io.smokegate.kube.KubeOp;
import io.smokegate.kube.ResourceRef;
import io.smokegate.testing.kube.ConnectedFakeCluster;
import io.smokegate.testing.kube.FakeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two in-process candidates against the fake cluster's Lease: one leads, and the other takes over when it goes. */
class LeaseLeaderElectionTest {

    static final LeaderElectionConfig SHORT = new LeaderElectionConfig(LeaderElectionConfig.Mode.LEASE, "smokegate-leader",
            "smokegate", Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250));

    @TempDir
    Path dir;

    private ConnectedFakeCluster connected;
    private FakeCluster fake;
    private KubeClients clients;

    @BeforeEach
    void start() {
        connected = ConnectedFakeCluster.start(dir, Duration.ofSeconds(2));
        fake = connected.fake();
        clients = connected.clients();
    }

    @AfterEach
    void stop() {
        connected.close();
    }

    private static final KubeOp LEASES = new KubeOp.OnResource("update",
            ResourceRef.namespaced("coordination.k8s.io", "v1", "leases"), "smokegate");

    private Lease lease() {
        return clients.cluster().call(LEASES, c -> c.leases().inNamespace("smokegate").withName("smokegate-leader").get());
    }

    @Test
    void theFakeClusterRefusesALeaseUpdateWithAStaleResourceVersion() {
        Lease created = clients.cluster().call(LEASES, c -> c.resource(new LeaseBuilder().withNewMetadata().withName("l").withNamespace("smokegate").endMetadata()
                        .withNewSpec().withHolderIdentity("a").endSpec().build()).create());
        Lease first = new LeaseBuilder(created).editSpec().withHolderIdentity("b").endSpec().build();
        Lease second = new LeaseBuilder(created).editSpec().withHolderIdentity("c").endSpec().build();
        clients.cluster().call(LEASES, c -> c.resource(first).update());

        KubeApiException conflict = assertThrows(KubeApiException.class,
                () -> clients.cluster().call(LEASES, c -> c.resource(second).update()));

        assertEquals(409, conflict.status(), conflict.getMessage());
    }

    @Test
    void theSecondCandidateTakesTheLeaseOverWhenTheLeaderStops() throws Exception {
        List<String> changes = new CopyOnWriteArrayList<>();
        LeaseLeaderElection a = new LeaseLeaderElection(clients::cluster, SHORT, "replica-a");
        LeaseLeaderElection b = new LeaseLeaderElection(clients::cluster, SHORT, "replica-b");
        a.onChange(leading -> changes.add("a " + leading));
        b.onChange(leading -> changes.add("b " + leading));
        try {
            a.start();
            b.start();
            assertTrue(a.isLeader(), "the first candidate leads");
            assertFalse(b.isLeader(), "the second waits");
            assertEquals("replica-a", lease().getSpec().getHolderIdentity());

            a.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!b.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(b.isLeader(), "the second candidate took over: " + changes);
            assertEquals(List.of("a true", "a false", "b true"), changes);
            Lease held = lease();
            assertNotNull(held);
            assertEquals("replica-b", held.getSpec().getHolderIdentity());
        } finally {
            a.close();
            b.close();
        }
    }
}
