package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.READ_TOKEN;
import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.config.ChaosConfig;
import io.smokegate.kube.KubeSettings;
import io.smokegate.store.Database;
import io.smokegate.store.ExperimentStore;
import io.smokegate.store.Migrations;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.OrphanedFault;
import io.smokegate.testing.kube.SimulatedChaosController;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos experiments through the API, against the fake cluster with the simulated Chaos Mesh controller: a checklist
 * that passes (a tcp check of a local listener), a scenario that delays the demo pods, short waits.
 */
class ChaosApiTest {

    private static final String EXPERIMENTS = "/api/v1/chaos/experiments";
    private static final String CHAOS_OBJECTS = "/apis/chaos-mesh.org/v1alpha1/namespaces/demo/networkchaos";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path root;
    private FakeCluster cluster;
    private SimulatedChaosController controller;
    private ServerSocket listener;
    private Thread acceptor;
    private ApiTestSupport api;

    @BeforeEach
    void cluster() throws IOException {
        cluster = FakeCluster.start();
        cluster.create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\n"
                + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-proxy-0\n  namespace: demo\n  labels:\n    app: demo-proxy\n"
                + "spec:\n  containers:\n  - name: c\n    image: x\nstatus:\n  phase: Running\n");
        controller = SimulatedChaosController.attach(cluster);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        listener.close();
        acceptor.join(2000);
        controller.close();
        cluster.close();
    }

    /** The service, with scenario {@code demo-latency} (during: {@code duringRuns} runs a second apart). */
    private ApiTestSupport start(int duringRuns) throws Exception {
        return start(duringRuns, "");
    }

    /** As {@link #start(int)}, with {@code schedule} (e.g. {@code "schedule: {every: 1h}"}) in the scenario's spec. */
    private ApiTestSupport start(int duringRuns, String schedule) throws Exception {
        Path scenarios = Files.createDirectories(root.resolve("chaos-scenarios"));
        Files.writeString(scenarios.resolve("demo-latency.yaml"), """
                apiVersion: smokegate.io/v1
                kind: ChaosScenario
                metadata:
                  name: demo-latency
                spec:
                  checklist: local
                  namespaces: [demo]
                  faults: [delay.yaml]
                  maxDuration: 5m
                  %s
                  phases:
                    steadyState:
                      slo:
                        objectives:
                          - {name: up, sli: run.success_ratio, pass: "= 1", key: true}
                    during:
                      runs: %d
                      interval: 1s
                      slo:
                        objectives:
                          - {name: up, sli: run.success_ratio, pass: "= 1", key: true}
                    recovery:
                      window: 10s
                      interval: 1s
                      slo:
                        objectives:
                          - {name: up, sli: run.success_ratio, pass: "= 1", key: true}
                """.formatted(schedule, duringRuns));
        Files.writeString(scenarios.resolve("delay.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata:
                  name: demo-delay
                  namespace: demo
                spec:
                  action: delay
                  mode: all
                  selector:
                    namespaces: [demo]
                    labelSelectors: {app: demo-proxy}
                  delay:
                    latency: 200ms
                  duration: 2m
                """);
        Files.writeString(scenarios.resolve("broken.yaml"), """
                apiVersion: smokegate.io/v1
                kind: ChaosScenario
                metadata:
                  name: broken
                spec:
                  checklist: nowhere
                """);
        Path kubeconfig = cluster.writeKubeconfig(root.resolve("kubeconfig"));
        ApiTestSupport service = new ApiTestSupport(root, c -> c
                .withKubernetes(KubeSettings.defaults().withKubeconfig(kubeconfig))
                .withChaos(ChaosConfig.defaults().withEnabled(true).withScenariosDir(scenarios).withAllowedNamespaces(List.of("demo"))
                        .withWaits(new ChaosConfig.Waits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
                                Duration.ofMillis(100)))));
        service.checklist("local.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: local}
                spec:
                  checks: [{id: listener, type: tcp, with: {address: "127.0.0.1:%d"}}]
                """.formatted(listener.getLocalPort()));
        return service;
    }

    private HttpResponse<String> startExperiment(String scenario, String token) throws Exception {
        return api.post(EXPERIMENTS, token, "{\"scenario\": \"" + scenario + "\"}");
    }

    /** Polls the experiment (at most 30 s) until {@code condition} holds; returns it then. */
    private JsonNode awaitExperiment(String id, Predicate<JsonNode> condition) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = json(api.get(EXPERIMENTS + "/" + id, TOKEN));
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("experiment " + id + " did not get there in 30 s; last: " + last);
    }

    private int chaosObjectsInCluster() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + CHAOS_OBJECTS))
                .header("Authorization", "Bearer " + FakeCluster.serviceAccountToken("smokegate", "smokegate"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("items").size();
    }

    @Test
    void anExperimentIsAcceptedRunsAndIsStoredWithVerdictPass() throws Exception {
        api = start(2);

        HttpResponse<String> started = startExperiment("demo-latency", TOKEN);

        assertEquals(202, started.statusCode(), started.body());
        JsonNode body = json(started);
        String id = body.get("id").asText();
        assertEquals("running", body.get("state").asText());
        assertEquals("default", body.get("startedBy").asText());
        assertEquals(EXPERIMENTS + "/" + id, started.headers().firstValue("Location").orElseThrow());
        JsonNode finished = awaitExperiment(id, e -> "finished".equals(e.path("state").asText()));
        assertEquals("pass", finished.get("verdict").asText(), finished.toString());
        assertEquals(List.of("steadyState", "during", "recovery"),
                finished.get("phases").findValuesAsText("phase"));
        assertEquals(0, chaosObjectsInCluster());
        JsonNode list = json(api.get(EXPERIMENTS, TOKEN));
        assertEquals(id, list.get("experiments").get(0).get("id").asText());
        assertEquals("pass", list.get("experiments").get(0).get("verdict").asText());
    }

    @Test
    void whileAnExperimentRunsItShowsItsPhaseAndASecondOneInItsNamespaceIs409NamingIt() throws Exception {
        api = start(30);
        String id = json(startExperiment("demo-latency", TOKEN)).get("id").asText();

        JsonNode during = awaitExperiment(id, e -> "during".equals(e.path("phase").asText()));
        HttpResponse<String> second = startExperiment("demo-latency", TOKEN);

        assertEquals("running", during.get("state").asText());
        assertEquals("demo-latency", during.get("scenario").asText());
        assertEquals(409, second.statusCode(), second.body());
        assertEquals("conflict", json(second).get("error").asText());
        assertEquals("namespace 'demo' is busy: experiment " + id + " (scenario demo-latency, started by default) is "
                + "running there; wait for it or abort it with DELETE /api/v1/chaos/experiments/" + id,
                json(second).get("message").asText());
    }

    @Test
    void deleteAbortsTheExperimentAndItsFaultIsGoneFromTheCluster() throws Exception {
        api = start(30);
        String id = json(startExperiment("demo-latency", TOKEN)).get("id").asText();
        awaitExperiment(id, e -> "during".equals(e.path("phase").asText()));
        assertEquals(1, chaosObjectsInCluster());

        HttpResponse<String> aborted = api.delete(EXPERIMENTS + "/" + id, TOKEN);

        assertEquals(202, aborted.statusCode(), aborted.body());
        assertEquals("aborting", json(aborted).get("state").asText());
        JsonNode finished = awaitExperiment(id, e -> "finished".equals(e.path("state").asText()));
        assertEquals("error", finished.get("verdict").asText());
        assertEquals("aborted during the fault: aborted by token 'default'", finished.get("message").asText());
        assertEquals(0, chaosObjectsInCluster());
        HttpResponse<String> again = api.delete(EXPERIMENTS + "/" + id, TOKEN);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("experiment " + id + " already finished (verdict error)", json(again).get("message").asText());
        JsonNode audit = json(api.get("/api/v1/audit?target=" + id, TOKEN));
        assertEquals(List.of("chaos.abort", "chaos.start"), audit.findValuesAsText("action"));
    }

    @Test
    void stoppingTheServiceAbortsARunningExperimentAndRemovesItsFaultBeforeItReturns() throws Exception {
        api = start(30);
        String id = json(startExperiment("demo-latency", TOKEN)).get("id").asText();
        awaitExperiment(id, e -> "during".equals(e.path("phase").asText()));
        assertEquals(1, chaosObjectsInCluster());

        api.close();
        api = null;

        assertEquals(0, chaosObjectsInCluster());
    }

    @Test
    void aScenarioWithAScheduleRunsInServeStartedBySchedule() throws Exception {
        // An every-schedule fires when it appears: at start.
        api = start(1, "schedule: {every: 1h}");

        JsonNode listed = null;
        for (int i = 0; i < 300 && (listed == null || listed.isEmpty()); i++) {
            listed = json(api.get(EXPERIMENTS, TOKEN)).get("experiments");
            Thread.sleep(100);
        }

        assertEquals(1, listed.size(), listed.toString());
        assertEquals("schedule", listed.get(0).get("trigger").asText());
        assertEquals("schedule", listed.get(0).get("startedBy").asText());
        JsonNode finished = awaitExperiment(listed.get(0).get("id").asText(), e -> "finished".equals(e.path("state").asText()));
        assertEquals("pass", finished.get("verdict").asText(), finished.toString());
    }

    @Test
    void withChaosOffAStartIs503SayingWhatToConfigure() throws Exception {
        api = new ApiTestSupport(root, c -> c);

        HttpResponse<String> r = startExperiment("demo-latency", TOKEN);

        assertEquals(503, r.statusCode(), r.body());
        assertEquals("chaos experiments are off: set chaos.enabled: true in the service config (and point "
                + "kubernetes.kubeconfig at the cluster, or run serve in it)", json(r).get("message").asText());
    }

    @Test
    void aTokenWithoutTheChaosScopeIs403NamingTheScope() throws Exception {
        api = start(2);

        HttpResponse<String> post = startExperiment("demo-latency", READ_TOKEN);
        HttpResponse<String> list = api.get(EXPERIMENTS, READ_TOKEN);

        assertEquals(403, post.statusCode(), post.body());
        assertEquals("token 'reader' lacks scope 'chaos' needed for POST /api/v1/chaos/experiments",
                json(post).get("message").asText());
        assertEquals(403, list.statusCode(), list.body());
        assertEquals(0, chaosObjectsInCluster());
    }

    @Test
    void unknownAndInvalidScenariosAndBadBodiesAreRefusedBeforeAnythingStarts() throws Exception {
        api = start(2);

        HttpResponse<String> unknown = startExperiment("nope", TOKEN);
        HttpResponse<String> invalid = startExperiment("broken", TOKEN);
        HttpResponse<String> badBody = api.post(EXPERIMENTS, TOKEN, "{\"scenaro\": \"demo-latency\"}");
        HttpResponse<String> unknownId = api.get(EXPERIMENTS + "/01a20107-0153-7033-b446-247a6ff7eac3", TOKEN);

        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(json(unknown).get("message").asText().startsWith("no chaos scenario named 'nope' in "), unknown.body());
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals("invalid_scenario", json(invalid).get("error").asText());
        assertTrue(json(invalid).get("problems").get(0).asText().startsWith(root.resolve("chaos-scenarios/broken.yaml") + ":"),
                invalid.body());
        assertEquals(400, badBody.statusCode(), badBody.body());
        assertEquals("unknown field 'scenaro' (known: scenario)", json(badBody).get("message").asText());
        assertEquals(404, unknownId.statusCode(), unknownId.body());
        assertEquals(0, chaosObjectsInCluster());
    }

    @Test
    void afterAnExperimentTheMetricsShowItsVerdictAndScore() throws Exception {
        api = start(2);
        String id = json(startExperiment("demo-latency", TOKEN)).get("id").asText();
        awaitExperiment(id, e -> "finished".equals(e.path("state").asText()));

        String metrics = api.get("/metrics", TOKEN).body();

        assertTrue(metrics.contains("smokegate_chaos_experiments_total{scenario=\"demo-latency\",verdict=\"pass\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_chaos_injections_total{result=\"injected\",scenario=\"demo-latency\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_chaos_experiments_active{scenario=\"demo-latency\"} 0.0"), metrics);
        assertTrue(metrics.contains("smokegate_chaos_resilience_score{scenario=\"demo-latency\"} 1.0"), metrics);
    }

    @Test
    void anExperimentADeadReplicaLeftRunningIsMarkedAbortedWithVerdictErrorAtStart() throws Exception {
        String id = "01a20107-0153-7033-b446-247a6ff7eac3";
        try (Database db = Database.sqlite(root.resolve("data"), Duration.ofSeconds(5))) {
            Migrations.apply(db);
            new ExperimentStore(db).start(id, "demo-latency", List.of("demo"), "ci", "api", "replica-gone",
                    java.time.Instant.parse("2026-12-06T10:00:00Z"));
        }

        api = start(2);

        JsonNode finished = awaitExperiment(id, e -> "aborted".equals(e.path("state").asText()));
        assertEquals("error", finished.get("verdict").asText());
        assertEquals("the smokegate replica replica-gone stopped before the experiment finished; the sweep at start "
                + "removes what it left in the cluster", finished.get("message").asText());
        assertEquals("ci", finished.get("startedBy").asText());
    }

    @Test
    void theSweepAtStartRemovesAnOrphanWhoseOwnerProcessIsDead() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String owner = "cli/" + InetAddress.getLocalHost().getHostName().replace('/', '-') + "/" + gone.pid() + "/0";
        cluster.create(OrphanedFault.networkChaos(owner, "{namespaces: [demo], labelSelectors: {app: demo-proxy}}"));
        assertEquals(1, chaosObjectsInCluster());

        api = start(2);

        for (int i = 0; i < 100 && chaosObjectsInCluster() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, chaosObjectsInCluster());
        // The sweep counts once it has confirmed the removal, a moment after the object is gone.
        String swept = "smokegate_chaos_orphans_swept_total{result=\"removed\"} 1.0";
        String metrics = api.get("/metrics", TOKEN).body();
        for (int i = 0; i < 50 && !metrics.contains(swept); i++) {
            Thread.sleep(100);
            metrics = api.get("/metrics", TOKEN).body();
        }
        assertTrue(metrics.contains(swept), metrics);
    }
}
