package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckContext;
import io.smokegate.check.kube.Clusters;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.SimulatedChaosController;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sweep removes and what it leaves, judged by the owner written on each object. */
class SweeperTest {

    @TempDir
    Path dir;

    private FakeCluster fake;
    private SimulatedChaosController controller;
    private CheckContext context;
    private final ChaosSettings settings = ChaosSettings.defaults()
            .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(50));

    @BeforeEach
    void cluster() {
        fake = FakeCluster.start();
        controller = SimulatedChaosController.attach(fake);
        context = CheckContext.standalone(dir.resolve("data"));
        context.with(KubeSettings.class, KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("kubeconfig"))));
    }

    @AfterEach
    void close() {
        context.close();
        controller.close();
        fake.close();
    }

    @Test
    void anObjectWhoseOwnerProcessIsGoneIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Owner dead = new Owner(Owner.CLI, Owner.hostName(), gone.pid(),
                gone.info().startInstant().map(Instant::toEpochMilli).orElse(1L), null);
        chaosObject("orphan", dead.text(), "10m");

        List<Sweeper.Swept> swept = sweep(OwnerLiveness.fromThisHost(r -> Optional.empty()));

        assertEquals(List.of(Sweeper.Decision.REMOVED), swept.stream().map(Sweeper.Swept::decision).toList());
        assertEquals(ExperimentReport.Removal.REMOVED, swept.get(0).removal());
        assertEquals(List.of(), mesh().managed(null));
    }

    @Test
    void anObjectOfALiveOwnerIsLeftAlone() {
        chaosObject("mine", Owner.thisCli().text(), "10m");

        List<Sweeper.Swept> swept = sweep(OwnerLiveness.fromThisHost(r -> Optional.empty()));

        assertEquals(Sweeper.Decision.LEFT_ALIVE, swept.get(0).decision());
        assertEquals(1, mesh().managed(null).size());
    }

    @Test
    void anOwnerOnAnotherHostKeepsItsObjectUntilItsDurationIsOver() {
        chaosObject("elsewhere", new Owner(Owner.CLI, "other-host", 4242, 1, null).text(), "10m");

        List<Sweeper.Swept> swept = sweep(OwnerLiveness.fromThisHost(r -> Optional.empty()));

        assertEquals(Sweeper.Decision.LEFT_UNKNOWN, swept.get(0).decision());
        assertEquals("owned by cli process 4242 on other-host, which cannot be asked from here; left until its duration"
                + " is over", swept.get(0).message());
    }

    @Test
    void aServeReplicaWhoseHeartbeatStoppedLosesItsObjects() {
        chaosObject("replica", new Owner(Owner.SERVE, "other-host", 4242, 1, "r-1").text(), "10m");

        List<Sweeper.Swept> swept = sweep(OwnerLiveness.fromThisHost(r -> r.equals("r-1") ? Optional.of(false) : Optional.empty()));

        assertEquals(Sweeper.Decision.REMOVED, swept.get(0).decision());
    }

    @Test
    void anObjectWithoutAnOwnerIsAnOrphan() {
        chaosObject("ownerless", null, "10m");

        assertEquals(Sweeper.Decision.REMOVED, sweep(OwnerLiveness.fromThisHost(r -> Optional.empty())).get(0).decision());
    }

    @Test
    void objectsNotCreatedBySmokegateAreNeverTouched() {
        fake.create("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: by-hand, namespace: athens}
                spec: {action: delay, mode: all, selector: {namespaces: [athens]}, delay: {latency: 10ms}, duration: 1m}
                """);

        assertEquals(List.of(), sweep(OwnerLiveness.fromThisHost(r -> Optional.empty())));
        assertEquals(List.of(), fake.requests("DELETE", ".*"));
    }

    private List<Sweeper.Swept> sweep(OwnerLiveness liveness) {
        return new Sweeper(mesh(), settings, liveness, Clock.systemUTC()).sweep(null);
    }

    private ChaosMesh mesh() {
        return new ChaosMesh(Clusters.of(context).cluster(null), settings);
    }

    private void chaosObject(String name, String owner, String duration) {
        fake.create("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata:
                  name: %s
                  namespace: athens
                  labels: {app.kubernetes.io/managed-by: smokegate, smokegate.io/experiment: 0190a5c4-0000-7000-8000-000000000001}
                  annotations: {%s}
                spec: {action: delay, mode: all, selector: {namespaces: [athens]}, delay: {latency: 10ms}, duration: %s}
                """.formatted(name, owner == null ? "" : "smokegate.io/owner: " + owner, duration));
    }
}
