package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.chaos.ChaosResources;
import io.smokegate.chaos.CrdSchema;
import io.smokegate.chaos.Owner;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import io.smokegate.testing.kube.FakeCluster;
import io.smokegate.testing.kube.SimulatedChaosController;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code smokegate chaos} against the fake cluster with the simulated Chaos Mesh controller. */
class ChaosCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OBJECTIVES = "{objectives: [{name: passes, sli: run.success_ratio, pass: \"= 1\", key: true}]}";

    @TempDir
    Path dir;

    private FakeCluster fake;
    private SimulatedChaosController controller;
    private ServerSocket service;
    private Path kubeconfig;
    private Path scenario;

    @BeforeEach
    void start() throws Exception {
        fake = FakeCluster.start();
        fake.create("apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, namespace: shop, labels: {app: web}}\n"
                + "spec: {containers: [{name: c, image: x}]}\nstatus: {phase: Running}\n");
        controller = SimulatedChaosController.attach(fake);
        service = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        kubeconfig = fake.writeKubeconfig(dir.resolve("config"), "fake");
        Files.createDirectories(dir.resolve("checklists"));
        Files.writeString(dir.resolve("checklists/web.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: web}
                spec:
                  checks: [{id: port, type: tcp, with: {address: "127.0.0.1:%d"}}]
                """.formatted(service.getLocalPort()));
        Files.writeString(dir.resolve("fault.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: web-delay, namespace: shop}
                spec:
                  action: delay
                  mode: all
                  selector: {namespaces: [shop], labelSelectors: {app: web}}
                  delay: {latency: 200ms}
                  duration: 30s
                """);
        scenario = Files.writeString(dir.resolve("scenario.yaml"), """
                apiVersion: smokegate.io/v1
                kind: ChaosScenario
                metadata: {name: web-latency}
                spec:
                  checklist: web
                  namespaces: [shop]
                  faults: [fault.yaml]
                  maxDuration: 1m
                  phases:
                    steadyState: {slo: %1$s}
                    during: {runs: 1, interval: 1s, slo: %1$s}
                    recovery: {window: 5s, interval: 1s, slo: %1$s}
                """.formatted(OBJECTIVES));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        controller.close();
        fake.close();
    }

    private CliRun chaos(String... args) {
        List<String> all = new ArrayList<>(List.of("chaos"));
        all.addAll(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "--checklists", dir.resolve("checklists").toString(),
                "--poll", "100ms", "--inject-timeout", "5s", "--removal-timeout", "2s", "--removal-deadline", "5s"));
        args.addAll(List.of(extra));
        return chaos(args.toArray(String[]::new));
    }

    /** The names of the NetworkChaos objects in namespace shop. */
    private List<String> chaosObjects() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fake.url()
                + "/apis/chaos-mesh.org/v1alpha1/namespaces/shop/networkchaos")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> names = new ArrayList<>();
        JSON.readTree(r.body()).path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }

    private void createObject(String name, String experiment, String owner) {
        fake.create("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata:
                  name: %s
                  namespace: shop
                  labels: {app.kubernetes.io/managed-by: smokegate, smokegate.io/experiment: %s}
                  annotations: {smokegate.io/owner: "%s"}
                spec: {action: delay, mode: all, selector: {namespaces: [shop]}, delay: {latency: 1ms}, duration: 10m}
                """.formatted(name, experiment, owner));
    }

    @Test
    void aDryRunPrintsKubectlAppliableObjectsThatValidateAgainstTheCrdSchemas() throws Exception {
        CliRun r = run("--dry-run", "--allow-namespace", "shop");

        assertEquals(0, r.exitCode(), r.err());
        List<Object> docs = new ArrayList<>();
        new Yaml().loadAll(r.out()).forEach(docs::add);
        assertEquals(1, docs.size(), r.out());
        for (String doc : r.out().split("(?m)^---\\s*$")) {
            if (doc.isBlank()) {
                continue;
            }
            Map<?, ?> object = new Yaml().load(doc);
            YamlReader reader = new YamlReader("dry-run.yaml");
            CrdSchema.of((String) object.get("kind")).validate(reader, new SafeYaml().parse("dry-run.yaml", doc));
            assertEquals(List.of(), reader.problems().stream().map(Problem::format).toList());
            assertEquals("30s", ((Map<?, ?>) object.get("spec")).get("duration"));
            Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) object.get("metadata")).get("labels");
            assertEquals("smokegate", labels.get(ChaosResources.MANAGED_BY_LABEL));
        }
        assertTrue(r.err().contains("ok: dry-run: NetworkChaos shop/web-delay-"), r.err());
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void aDryRunAsJsonHasTheScenarioTheObjectsAndThePreflight() throws Exception {
        CliRun r = run("--dry-run", "--allow-namespace", "shop", "--format", "json");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(List.of("scenario", "resources", "preflight"), iterate(doc.fieldNames()));
        assertEquals("web-latency", doc.path("scenario").asText());
        assertEquals("NetworkChaos", doc.path("resources").get(0).path("kind").asText());
        assertEquals("30s", doc.path("resources").get(0).path("spec").path("duration").asText());
        assertTrue(doc.path("preflight").size() > 1);
        doc.path("preflight").forEach(p -> assertTrue(p.path("passed").asBoolean(), p.toString()));
    }

    @Test
    void aScenarioWhoseObjectivesHoldExitsZeroWithTheJsonReportAndLeavesNothingBehind() throws Exception {
        CliRun r = run("--allow-namespace", "shop", "--format", "json", "-q");

        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals("pass", report.path("verdict").asText());
        assertEquals(List.of("steadyState", "during", "recovery"),
                iterate(report.path("phases").elements()).stream().map(p -> p.path("phase").asText()).toList());
        assertEquals("removed", report.path("resources").get(0).path("removal").asText());
        assertEquals("", r.err());
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void anInvalidScenarioExitsTwoWithFileLineAndColumn() throws Exception {
        Files.writeString(scenario, Files.readString(scenario).replace("checklist: web", "checklist: wbe"));

        CliRun r = run("--allow-namespace", "shop");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: " + scenario + ":5:14: spec.checklist: no valid checklist named 'wbe'"), r.err());
    }

    @Test
    void aNamespaceOutsideTheAllowlistExitsThreeAndCreatesNothing() throws Exception {
        CliRun r = run("--allow-namespace", "other", "--format", "json", "-q");

        assertEquals(3, r.exitCode(), r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals("error", report.path("verdict").asText());
        assertEquals("not_created", report.path("resources").get(0).path("removal").asText());
        assertEquals(List.of(), fake.requests("POST", ".*/networkchaos.*"));
        assertEquals(List.of(), chaosObjects());
    }

    @Test
    void aSweepRemovesTheObjectOfADeadOwnerAndLeavesALiveOnesAlone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Owner me = Owner.thisCli();
        createObject("orphan", "exp-dead", new Owner(Owner.CLI, me.host(), gone.pid(), 0, null).text());
        createObject("alive", "exp-live", me.text());

        CliRun r = chaos("sweep", "--format", "json");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode swept = JSON.readTree(r.out());
        assertEquals(2, swept.size());
        for (JsonNode s : swept) {
            assertEquals(s.path("name").asText().equals("orphan") ? "removed" : "left_alive", s.path("decision").asText(), s.toString());
        }
        assertEquals(List.of("alive"), chaosObjects());
    }

    @Test
    void abortRemovesEveryObjectOfTheExperiment() throws Exception {
        createObject("first", "exp-1", Owner.thisCli().text());
        createObject("second", "exp-1", Owner.thisCli().text());
        createObject("other", "exp-2", Owner.thisCli().text());

        CliRun r = chaos("abort", "exp-1");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("2 objects looked at, 2 removed\n"), r.out());
        assertEquals(List.of("other"), chaosObjects());
    }

    @Test
    void abortOfAnUnknownExperimentExitsOne() {
        CliRun r = chaos("abort", "exp-none");

        assertEquals(1, r.exitCode());
        assertEquals("error: no chaos object of experiment exp-none in the cluster (see smokegate chaos list)\n", r.err());
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
