package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.Removal;
import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.kube.Clusters;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.SafeYaml;
import io.smokegate.kube.KubeSettings;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.SimulatedChaosController;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle against the fake cluster and its simulated Chaos Mesh controller. The checklist probes a local HTTP
 * service; where a test needs the fault to hurt, the listener makes it answer 503 while the fault is in place.
 */
class ExperimentRunnerTest {

    private static final String FAULT = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: proxy-latency, namespace: athens}
            spec:
              action: delay
              mode: all
              selector: {namespaces: [athens], labelSelectors: {app: athens}}
              delay: {latency: 200ms}
              duration: 3m
            """;

    private static final String SCENARIO = """
            apiVersion: smokegate.io/v1
            kind: ChaosScenario
            metadata: {name: proxy-latency}
            spec:
              checklist: athens
              namespaces: [athens]
              faults: [fault.yaml]
              maxDuration: 5m
              phases:
                steadyState:
                  slo: {objectives: [{name: up, sli: run.success_ratio, pass: "= 1", key: true}]}
                during:
                  runs: 2
                  interval: 1s
                  slo: {objectives: [{name: up, sli: run.success_ratio, pass: "= 1", key: true}]}
                recovery:
                  window: 5s
                  interval: 1s
                  slo: {objectives: [{name: up, sli: run.success_ratio, pass: "= 1", key: true}]}
            """;

    @TempDir
    Path dir;

    private FakeCluster fake;
    private SimulatedChaosController controller;
    private CheckContext context;
    /** The service the checklist probes: 200 while healthy, 503 while "hurt by the fault". */
    private HttpServer service;
    private volatile boolean healthy = true;
    private ChaosSettings settings = ChaosSettings.defaults().withAllowedNamespaces(List.of("athens"))
            .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(50));

    @BeforeEach
    void cluster() throws IOException {
        fake = FakeCluster.start();
        controller = SimulatedChaosController.attach(fake);
        fake.create(new NamespaceBuilder().withNewMetadata().withName("athens").endMetadata().build(),
                pod("athens-0", "Running"), pod("athens-1", "Running"));
        context = CheckContext.standalone(dir.resolve("data"));
        context.with(KubeSettings.class, KubeSettings.defaults().withKubeconfig(fake.writeKubeconfig(dir.resolve("kubeconfig"))));
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            exchange.sendResponseHeaders(healthy ? 200 : 503, -1);
            exchange.close();
        });
        service.start();
        Files.writeString(dir.resolve("fault.yaml"), FAULT);
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.createDirectories(dir.resolve("checklists"));
        Files.writeString(dir.resolve("checklists/athens.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: athens}
                spec:
                  checks: [{id: proxy, type: http, timeout: 2s, with: {url: "http://127.0.0.1:%d/"}}]
                """.formatted(service.getAddress().getPort()));
    }

    @AfterEach
    void close() throws IOException {
        context.close();
        controller.close();
        fake.close();
        service.stop(0);
    }

    @Test
    void aHealthyServicePassesAndTheFaultIsInjectedThenRemoved() throws Exception {
        List<GenericKubernetesResource> seen = new ArrayList<>();
        ExperimentReport report = run(scenario(), new ExperimentRunner.Listener() {
            @Override
            public void faultsInjected(String id) {
                seen.addAll(chaosObjects());
            }
        });

        assertEquals(ExperimentVerdict.PASS, report.verdict(), report.message());
        assertEquals(1, seen.size());
        GenericKubernetesResource created = seen.get(0);
        assertEquals("proxy-latency-" + report.id().substring(report.id().length() - 8), created.getMetadata().getName());
        assertEquals(Map.of("app.kubernetes.io/managed-by", "smokegate", "smokegate.io/experiment", report.id(),
                "smokegate.io/scenario", "proxy-latency"), created.getMetadata().getLabels());
        assertEquals(Owner.thisCli().text(), created.getMetadata().getAnnotations().get("smokegate.io/owner"));
        assertEquals("3m", ChaosMesh.map(created.getAdditionalProperties().get("spec")).get("duration"));
        assertEquals(List.of(Removal.REMOVED), report.resources().stream().map(ExperimentReport.InjectedResource::removal).toList());
        assertEquals(List.of(Phase.STEADY_STATE, Phase.DURING, Phase.RECOVERY), report.phases().stream().map(ExperimentReport.PhaseResult::phase).toList());
        assertEquals(2, report.phase(Phase.DURING).orElseThrow().runs().size());
        assertTrue(report.recoveryTime().isPresent());
        assertEquals(100.0, report.resilienceScore().orElseThrow());
        assertEquals(List.of(), chaosObjects());
        assertEquals(1, fake.chaosObjectsCreated().size());
        assertTrue(fake.chaosObjectsCreated().get(0).contains("\"duration\":\"3m\""), fake.chaosObjectsCreated().get(0));
    }

    @Test
    void aSelectorMatchingNoRunningPodFailsPreflightAndCreatesNothing() throws Exception {
        Files.writeString(dir.resolve("fault.yaml"), FAULT.replace("{app: athens}", "{app: athens-canary}"));
        fake.create(new PodBuilder(pod("canary-0", "Pending")).editMetadata().addToLabels("app", "athens-canary").endMetadata().build());

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        assertEquals("preflight failed, nothing was injected: targets: the selector matches no running pod: NetworkChaos "
                + "athens/proxy-latency-" + report.id().substring(report.id().length() - 8), report.message());
        assertFalse(report.injected());
        assertEquals(List.of(), fake.requests("POST", ".*/chaos-mesh.org/.*"));
    }

    @Test
    void aNamespaceOutsideTheAllowlistIsRefusedBeforeAnythingIsCreated() throws Exception {
        settings = settings.withAllowedNamespaces(List.of("staging"));

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        assertEquals(new ExperimentReport.PreflightResult("namespaces", false, "not allowed: athens; the allowlist is staging"),
                report.preflight().get(1));
        assertEquals(List.of(), fake.requests("POST", ".*/chaos-mesh.org/.*"));
    }

    @Test
    void withoutAnAllowlistANamespaceMustOptInWithChaosMeshsAnnotation() throws Exception {
        settings = settings.withAllowedNamespaces(List.of());
        assertEquals(ExperimentVerdict.ERROR, run(scenario(), ExperimentRunner.Listener.NONE).verdict());

        fake.mergePatch("/api/v1/namespaces/athens", "{\"metadata\":{\"annotations\":{\"chaos-mesh.org/inject\":\"enabled\"}}}");
        assertEquals(ExperimentVerdict.PASS, run(scenario(), ExperimentRunner.Listener.NONE).verdict());
    }

    @Test
    void aMissingPermissionFailsPreflightNamingIt() throws Exception {
        fake.forbid(FakeCluster.SERVICE_ACCOUNT, "create", "chaos-mesh.org", "networkchaos", "athens");

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        ExperimentReport.PreflightResult permissions = report.preflight().stream()
                .filter(p -> p.check().equals("permissions")).findFirst().orElseThrow();
        assertFalse(permissions.passed());
        assertTrue(permissions.message().contains("may not create networkchaos.chaos-mesh.org in athens"), permissions.message());
    }

    @Test
    void aFailedSteadyStateInjectsNothing() throws Exception {
        closeService();

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(ExperimentVerdict.FAIL, report.verdict());
        assertTrue(report.message().startsWith("the steady state was not met, so nothing was injected: run 1 fail: failed up"),
                report.message());
        assertFalse(report.injected());
        assertEquals(List.of(), fake.requests("POST", ".*/chaos-mesh.org/.*"));
    }

    @Test
    void aServiceBreakingUnderTheFaultEndsItEarlyAndFailsThenRecovers() throws Exception {
        ExperimentReport report = run(scenario(), new ExperimentRunner.Listener() {
            @Override
            public void faultsInjected(String id) {
                closeService();
            }

            @Override
            public void faultsRemoved(String id) {
                openService();
            }
        });

        assertEquals(ExperimentVerdict.FAIL, report.verdict());
        assertTrue(report.message().startsWith("under the fault: a key objective failed in 1 run in a row (spec.abortRule)"),
                report.message());
        assertEquals(1, report.phase(Phase.DURING).orElseThrow().runs().size(), report.phases().toString());
        assertEquals(Removal.REMOVED, report.resources().get(0).removal());
        assertTrue(report.phase(Phase.RECOVERY).orElseThrow().met());
        assertEquals(50.0, report.resilienceScore().orElseThrow()); // failed under the fault, passed in recovery
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void anAbortDuringTheFaultRemovesItAndJudgesNothing() throws Exception {
        ExperimentControl control = new ExperimentControl();
        ExperimentReport report = run(scenario(), control, new ExperimentRunner.Listener() {
            @Override
            public void faultsInjected(String id) {
                control.abort("aborted by token 'ops'");
            }
        });

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        assertEquals("aborted during the fault: aborted by token 'ops'", report.message());
        assertEquals(Removal.REMOVED, report.resources().get(0).removal());
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void aDeletionStuckOnTheFinalizerIsPausedThenReleasedWithForcedCleanup() throws Exception {
        controller.holdFinalizer(true);

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(Removal.FORCED, report.resources().get(0).removal());
        assertEquals(List.of(), report.manualSteps());
        assertEquals(List.of(), chaosObjects());
        assertTrue(fake.requests("PATCH", ".*/networkchaos/proxy-latency-.*").size() >= 2, "pause, then cleanFinalizer");
    }

    @Test
    void aControllerThatDiesMidExperimentLeavesTheExactManualSteps() throws Exception {
        ExperimentReport report = run(scenario(), new ExperimentRunner.Listener() {
            @Override
            public void faultsInjected(String id) {
                controller.stop();
            }
        });

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        assertEquals(Removal.STUCK, report.resources().get(0).removal());
        String name = report.resources().get(0).name();
        assertEquals("kubectl -n athens patch networkchaos.chaos-mesh.org " + name
                + " --type merge -p '{\"metadata\":{\"finalizers\":null}}'", report.manualSteps().get(3));
        assertTrue(report.message().startsWith("a fault could not be removed; see the manual steps"), report.message());
        assertEquals(1, chaosObjects().size(), "the object stays, terminating, until a person or the controller acts");
    }

    @Test
    void removalKeepsRetryingWhileTheApiServerFails() throws Exception {
        ExperimentReport report = run(scenario(), new ExperimentRunner.Listener() {
            @Override
            public void faultsInjected(String id) {
                fake.answer("DELETE", ".*/networkchaos/.*", 503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcd leader changed\"}");
                Thread.ofVirtual().start(() -> {
                    sleep(Duration.ofMillis(1500));
                    fake.clearFaults();
                });
            }
        });

        assertEquals(Removal.REMOVED, report.resources().get(0).removal());
        assertTrue(fake.requests("DELETE", ".*/networkchaos/.*").size() >= 2);
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void aCreateRefusedByChaosMeshsWebhookIsAnErrorWithItsMessageAndLeavesNothing() throws Exception {
        fake.answer("POST", ".*/networkchaos", 500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"code\":500,\"reason\":\"InternalError\",\"message\":\"Internal error occurred: failed calling webhook "
                + "\\\"mnetworkchaos.kb.io\\\": connection refused\"}");

        ExperimentReport report = run(scenario(), ExperimentRunner.Listener.NONE);

        assertEquals(ExperimentVerdict.ERROR, report.verdict());
        assertTrue(report.message().startsWith("the experiment broke off: "), report.message());
        assertTrue(report.message().contains("failed calling webhook \"mnetworkchaos.kb.io\""), report.message());
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void everyObjectOfEveryShippedScenarioValidatesAndHasADuration() throws Exception {
        ChaosScenarioLoader loader = new ChaosScenarioLoader(
                new ChecklistCatalog(Path.of("checklists"), new ChecklistLoader(CheckRegistry.standard(), n -> "unset")),
                new SafeYaml());
        ExperimentRunner.Start start = ExperimentRunner.Start.now("test", "cli", Owner.thisCli());
        int validated = 0;
        try (var files = Files.list(Path.of("chaos-scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (GenericKubernetesResource r : ExperimentRunner.resources(loader.load(file), start, ChaosSettings.defaults())) {
                    String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(r);
                    io.smokegate.input.YamlReader reader = new io.smokegate.input.YamlReader(file + " " + r.getKind());
                    CrdSchema.of(r.getKind()).validate(reader, new SafeYaml().parse(file.toString(), yaml));
                    assertEquals(List.of(), reader.problems(), yaml);
                    assertTrue(yaml.contains("\n  duration: "), yaml);
                    validated++;
                }
            }
        }
        assertTrue(validated >= 7, "validated " + validated);
    }

    private ChaosScenario scenario() throws Exception {
        ChaosScenarioLoader loader = new ChaosScenarioLoader(
                new ChecklistCatalog(dir.resolve("checklists"), new ChecklistLoader(CheckRegistry.standard(), n -> "unset")),
                new SafeYaml());
        return loader.load(dir.resolve("scenario.yaml"));
    }

    private ExperimentReport run(ChaosScenario scenario, ExperimentRunner.Listener listener) {
        return run(scenario, new ExperimentControl(), listener);
    }

    private ExperimentReport run(ChaosScenario scenario, ExperimentControl control, ExperimentRunner.Listener listener) {
        ChaosMesh mesh = new ChaosMesh(Clusters.of(context).cluster(null), settings);
        return new ExperimentRunner(mesh, context, null, settings, Clock.systemUTC(), run -> { })
                .run(scenario, ExperimentRunner.Start.now("test", "cli", Owner.thisCli()), control, listener);
    }

    private List<GenericKubernetesResource> chaosObjects() {
        return new ChaosMesh(Clusters.of(context).cluster(null), settings).managed(null);
    }

    private static Pod pod(String name, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("athens").addToLabels("app", "athens")
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }

    private void openService() {
        healthy = true;
    }

    private void closeService() {
        healthy = false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
