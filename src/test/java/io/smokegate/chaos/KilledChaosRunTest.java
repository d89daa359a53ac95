package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.smokegate.Main;
import io.smokegate.check.CheckContext;
import io.smokegate.check.kube.Clusters;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.SimulatedChaosController;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Faults we inject are always removed", proven by killing: {@code smokegate chaos run} as a process of its own,
 * SIGKILLed at random points (half of them once its fault is in place, where a kill hurts most), then one sweep.
 * No shutdown hook runs on SIGKILL: what saves the cluster is the owner written on every object.
 */
class KilledChaosRunTest {

    @TempDir
    Path dir;

    private FakeCluster fake;
    private SimulatedChaosController controller;
    private HttpServer service;
    private CheckContext context;
    private final ChaosSettings settings = ChaosSettings.defaults()
            .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(50));

    @BeforeEach
    void cluster() throws Exception {
        fake = FakeCluster.start();
        controller = SimulatedChaosController.attach(fake);
        fake.create(new NamespaceBuilder().withNewMetadata().withName("athens").endMetadata().build(),
                new PodBuilder().withNewMetadata().withName("athens-0").withNamespace("athens").addToLabels("app", "athens")
                        .endMetadata().withNewStatus().withPhase("Running").endStatus().build());
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        Files.createDirectories(dir.resolve("checklists"));
        Files.writeString(dir.resolve("checklists/athens.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: athens}
                spec:
                  checks: [{id: proxy, type: http, timeout: 2s, with: {url: "http://127.0.0.1:%d/"}}]
                """.formatted(service.getAddress().getPort()));
        Files.writeString(dir.resolve("fault.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: proxy-latency, namespace: athens}
                spec:
                  action: delay
                  mode: all
                  selector: {namespaces: [athens], labelSelectors: {app: athens}}
                  delay: {latency: 200ms}
                  duration: 10m
                """);
        String slo = "{objectives: [{name: up, sli: run.success_ratio, pass: \"= 1\", key: true}]}";
        Files.writeString(dir.resolve("scenario.yaml"), """
                apiVersion: smokegate.io/v1
                kind: ChaosScenario
                metadata: {name: proxy-latency}
                spec:
                  checklist: athens
                  namespaces: [athens]
                  faults: [fault.yaml]
                  maxDuration: 15m
                  phases:
                    steadyState: {slo: %s}
                    during: {runs: 4, interval: 1s, slo: %s}
                    recovery: {window: 5s, interval: 1s, slo: %s}
                """.formatted(slo, slo, slo));
        context = CheckContext.standalone(dir.resolve("data"));
        context.with(KubeSettings.class, KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("kubeconfig"))));
    }

    @AfterEach
    void close() {
        context.close();
        controller.close();
        fake.close();
        service.stop(0);
    }

    @Test
    void chaosRunsKilledAtRandomPointsLeaveNoObjectAfterTheNextSweep() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        int killedWithTheFaultInPlace = 0;
        for (int i = 0; i < 4; i++) {
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of(), Main.class, "chaos", "run",
                    dir.resolve("scenario.yaml").toString(), "--kubeconfig", dir.resolve("kubeconfig").toString(),
                    "--allow-namespace", "athens", "--checklists", dir.resolve("checklists").toString(), "-q",
                    "--poll", "100ms")).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("run" + i + ".log").toFile());
            Process run = builder.start();
            long waited;
            if (i % 2 == 0) {
                awaitAnObject(run);
                waited = random.nextInt(1500);
            } else {
                waited = 300 + random.nextInt(4000);
            }
            Thread.sleep(waited);
            boolean faultInPlace = mesh().managed(null).stream().anyMatch(o -> Owner.parse(
                    o.getMetadata().getAnnotations().get(ChaosResources.OWNER_ANNOTATION)).map(Owner::pid).orElse(0L) == run.pid());
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            run.waitFor();
            killedWithTheFaultInPlace += faultInPlace ? 1 : 0;
            kills.add("run " + i + " killed " + waited + " ms " + (i % 2 == 0 ? "after its fault appeared" : "after start")
                    + (faultInPlace ? ", fault in place" : ""));
        }
        String story = "seed " + seed + ": " + String.join("; ", kills);
        assertTrue(killedWithTheFaultInPlace >= 2, story);

        List<Sweeper.Swept> swept = new Sweeper(mesh(), settings, OwnerLiveness.fromThisHost(r -> Optional.empty()),
                Clock.systemUTC()).sweep(null);

        assertEquals(List.of(), mesh().managed(null), story);
        assertTrue(swept.stream().allMatch(s -> s.decision() == Sweeper.Decision.REMOVED), story + " " + swept);
        assertTrue(fake.chaosObjectsCreated().stream().allMatch(body -> body.contains("\"duration\":\"10m\"")),
                String.valueOf(fake.chaosObjectsCreated()));
    }

    private void awaitAnObject(Process run) throws Exception {
        Instant until = Instant.now().plusSeconds(60);
        while (mesh().managed(null).stream().noneMatch(o -> o.getMetadata().getAnnotations()
                .get(ChaosResources.OWNER_ANNOTATION).contains("/" + run.pid() + "/"))) {
            if (!run.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("the chaos run created no object");
            }
            Thread.sleep(50);
        }
    }

    private ChaosMesh mesh() {
        return new ChaosMesh(Clusters.of(context).cluster(null), settings);
    }
}
