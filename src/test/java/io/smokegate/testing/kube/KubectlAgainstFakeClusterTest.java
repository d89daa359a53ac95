package io.smokegate.testing.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.ExternalTool;
import io.smokegate.testing.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the fake cluster run as its own process (what bench/fake-cluster.sh starts): listing,
 * applying (create, then update by patch), custom resources, label selectors, errors.
 */
class KubectlAgainstFakeClusterTest {

    @TempDir
    static Path dir;

    private static Process cluster;
    private static Path kubeconfig;
    private static String readyLine;
    private static Path kubectl;

    @BeforeAll
    static void start() throws Exception {
        kubectl = ExternalTool.require("kubectl", "none, kubectl 1.32 is on the machine image");
        Path objects = Files.createDirectories(dir.resolve("objects"));
        Files.writeString(objects.resolve("athens.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: athens-0, namespace: athens, labels: {app: athens, tier: proxy}}
                spec: {containers: [{name: athens, image: gomods/athens:v0.15.0}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: athens-1, namespace: athens, labels: {app: athens, tier: cache}}
                spec: {containers: [{name: athens, image: gomods/athens:v0.15.0}]}
                """);
        Files.writeString(objects.resolve("chaos.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: proxy-delay, namespace: athens}
                spec: {action: delay, mode: all, selector: {namespaces: [athens]}, delay: {latency: 200ms}, duration: 60s}
                """);
        kubeconfig = dir.resolve("kubeconfig");
        List<String> command = ChildJvm.command(List.of(), FakeClusterMain.class, "--port", String.valueOf(Ports.free()),
                "--kubeconfig", kubeconfig.toString(), "--objects", objects.toString(), "--chaos-controller");
        cluster = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("fake cluster ready: ")) {
                        return line;
                    }
                    seen.add(line);
                }
            } catch (IOException e) {
                seen.add(e.toString());
            }
            throw new IllegalStateException("the fake cluster exited without getting ready:\n" + String.join("\n", seen));
        });
        readyLine = ready.get(60, TimeUnit.SECONDS);
        // Keep reading, so a chatty process never blocks on a full pipe.
        Thread.ofVirtual().start(() -> {
            try {
                lines.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // The process ended.
            }
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.destroy();
            if (!cluster.waitFor(10, TimeUnit.SECONDS)) {
                cluster.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private record Result(int exitCode, String out) {
    }

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", dir.toString()); // kubectl's discovery cache goes here, not into ~/.kube
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
    }

    @Test
    void theReadyLineNamesTheServerTheKubeconfigAndTheObjectsLoaded() {
        assertTrue(readyLine.matches("fake cluster ready: http://127\\.0\\.0\\.1:\\d+ \\(kubeconfig " + kubeconfig
                + ", context fake, 3 objects loaded from .*objects, simulated Chaos Mesh controller running, namespace demo from "
                + ".*/bench/fake-cluster/chaos-demo\\.yaml\\)"), readyLine);
    }

    @Test
    void kubectlListsThePodsOfAllNamespaces() throws Exception {
        Result r = kubectl("get", "pods", "-A", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name,TIER:.metadata.labels.tier");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals("NS       NAME           TIER\nathens   athens-0       proxy\nathens   athens-1       cache\n"
                + "demo     demo-proxy-0   <none>\ndemo     demo-proxy-1   <none>\ndemo     demo-proxy-2   <none>\n", r.out());
    }

    @Test
    void kubectlSeesTheNamespacesAndTheCustomResources() throws Exception {
        Result namespaces = kubectl("get", "namespaces", "-o", "name");
        assertEquals("namespace/athens\nnamespace/chaos-mesh\nnamespace/default\nnamespace/demo\nnamespace/kube-public\n"
                + "namespace/kube-system\n", namespaces.out());
        Result chaos = kubectl("get", "networkchaos", "-n", "athens", "-o", "jsonpath={.items[*].spec.delay.latency}");
        assertEquals("200ms", chaos.out());
        Result resources = kubectl("api-resources", "--api-group", "chaos-mesh.org", "-o", "name");
        assertEquals(0, resources.exitCode(), resources.out());
        assertEquals(List.of("dnschaos.chaos-mesh.org", "httpchaos.chaos-mesh.org", "iochaos.chaos-mesh.org",
                "networkchaos.chaos-mesh.org", "podchaos.chaos-mesh.org", "schedules.chaos-mesh.org",
                "statuschecks.chaos-mesh.org", "stresschaos.chaos-mesh.org", "timechaos.chaos-mesh.org",
                "workflows.chaos-mesh.org"), resources.out().lines().sorted().toList());
    }

    @Test
    void kubectlApplyCreatesAndThenUpdates() throws Exception {
        Path manifest = dir.resolve("apply.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: athens}
                data: {GOPROXY: "https://proxy.golang.org"}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: athens, namespace: argocd}
                spec: {project: default, source: {repoURL: "https://example.com/deploy.git", path: athens}}
                """);
        Result created = kubectl("apply", "-f", manifest.toString());
        assertEquals("configmap/settings created\napplication.argoproj.io/athens created\n", created.out());
        assertEquals(0, created.exitCode());
        Files.writeString(manifest, Files.readString(manifest).replace("https://proxy.golang.org", "http://athens:3000"));
        Result updated = kubectl("apply", "-f", manifest.toString());
        assertEquals("configmap/settings configured\napplication.argoproj.io/athens unchanged\n", updated.out());
        assertEquals("http://athens:3000", kubectl("get", "configmap", "settings", "-n", "athens",
                "-o", "jsonpath={.data.GOPROXY}").out());
        assertEquals("athens", kubectl("get", "applications", "-n", "argocd", "-o", "jsonpath={.items[0].spec.source.path}").out());
    }

    @Test
    void anAppliedChaosObjectGetsTheFinalizerAndConditionsOfTheSimulatedController() throws Exception {
        Path file = dir.resolve("pod-failure.yaml");
        Files.writeString(file, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: no-target, namespace: athens}
                spec: {action: pod-failure, mode: one, selector: {labelSelectors: {app: nobody}}, duration: 30s}
                """);
        assertEquals(0, kubectl("apply", "-f", file.toString()).exitCode());
        String jsonpath = "jsonpath={.metadata.finalizers[0]} {.status.experiment.desiredPhase}"
                + " {.status.conditions[?(@.type==\"Selected\")].status} {.status.conditions[?(@.type==\"Selected\")].message}";
        Result r = null;
        for (int i = 0; i < 20; i++) {
            r = kubectl("get", "podchaos", "no-target", "-n", "athens", "-o", jsonpath);
            if (r.out().startsWith("chaos-mesh/records")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("chaos-mesh/records Run False select targets: no target has been selected", r.out());
    }

    @Test
    void withTheChaosControllerTheDemoPodsAreListedRunningAndReady() throws Exception {
        Result r = kubectl("get", "pods", "-n", "demo", "-l", "app=demo-proxy", "-o",
                "custom-columns=NAME:.metadata.name,PHASE:.status.phase,READY:.status.conditions[?(@.type==\"Ready\")].status");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals("NAME           PHASE     READY\ndemo-proxy-0   Running   True\ndemo-proxy-1   Running   True\n"
                + "demo-proxy-2   Running   True\n", r.out());
        assertEquals("3/3", kubectl("get", "deployment", "demo-proxy", "-n", "demo", "-o",
                "jsonpath={.status.readyReplicas}/{.spec.replicas}").out());
    }

    @Test
    void withTheChaosControllerItsDeploymentIsAvailable() throws Exception {
        Result r = kubectl("get", "deployment", SimulatedChaosController.DEPLOYMENT, "-n", SimulatedChaosController.NAMESPACE,
                "-o", "jsonpath={.status.availableReplicas} {.status.conditions[?(@.type==\"Available\")].status}");
        assertEquals("1 True", r.out());
    }

    @Test
    void kubectlSetBasedSelectorsAreHonoured() throws Exception {
        assertEquals("pod/athens-1\n", kubectl("get", "pods", "-n", "athens", "-l", "tier in (cache,db)", "-o", "name").out());
        assertEquals("pod/athens-0\n", kubectl("get", "pods", "-n", "athens", "-l", "tier notin (cache)", "-o", "name").out());
    }

    @Test
    void kubectlPagesThroughLongLists() throws Exception {
        Result r = kubectl("get", "pods", "-A", "--chunk-size", "1", "-o", "name", "-v", "6");
        assertEquals(List.of("pod/athens-0", "pod/athens-1", "pod/demo-proxy-0", "pod/demo-proxy-1", "pod/demo-proxy-2"),
                r.out().lines().filter(l -> l.startsWith("pod/")).toList());
        assertEquals(5, r.out().lines().filter(l -> l.contains("/api/v1/pods?") && l.contains("limit=1")).count(), r.out());
    }

    @Test
    void kubectlPrintsTheServersNotFoundMessage() throws Exception {
        Result r = kubectl("get", "pod", "nope", "-n", "athens");
        assertEquals("Error from server (NotFound): pods \"nope\" not found\n", r.out());
        assertEquals(1, r.exitCode());
    }
}
