package io.smokegate.testing.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Chaos Mesh controller drives chaos objects of the fake cluster as the real one does. */
class SimulatedChaosControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PATH = "/apis/chaos-mesh.org/v1alpha1/namespaces/athens/networkchaos/delay";

    private FakeCluster cluster;
    private SimulatedChaosController controller;

    @BeforeEach
    void start() {
        cluster = FakeCluster.start();
        cluster.create(pod("proxy-0", "athens-proxy", "Running") + "---\n" + pod("proxy-1", "athens-proxy", "Pending")
                + "---\n" + pod("storage-0", "storage", "Running"));
        controller = SimulatedChaosController.attach(cluster);
    }

    @AfterEach
    void stop() {
        controller.close();
        cluster.close();
    }

    private static String pod(String name, String app, String phase) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: athens\n  labels:\n    app: " + app
                + "\nspec:\n  containers:\n  - name: c\n    image: x\nstatus:\n  phase: " + phase + "\n";
    }

    private static String networkChaos(String app, String duration) {
        return "apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata:\n  name: delay\n  namespace: athens\n"
                + "spec:\n  action: delay\n  mode: all\n  duration: " + duration + "\n  selector:\n    namespaces: [athens]\n"
                + "    labelSelectors:\n      app: " + app + "\n  delay:\n    latency: 200ms\n";
    }

    private JsonNode get() {
        MockResponse answer = cluster.internal(HttpMethod.GET, PATH, null);
        if (answer.code() == 404) {
            return null;
        }
        try {
            return JSON.readTree(FakeClusterDispatcher.text(answer));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (at most 5 s) until the object satisfies {@code condition}; null stands for "gone". */
    private JsonNode await(Predicate<JsonNode> condition) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("condition not met in 5 s; last state: " + last);
    }

    private static String condition(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    private static JsonNode conditionNode(JsonNode object, String type) {
        for (JsonNode c : object.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + object);
    }

    /** A NetworkChaos of 10 minutes on the running proxy pod, once the controller has injected it. */
    private JsonNode createInjected() throws InterruptedException {
        cluster.create(networkChaos("athens-proxy", "10m"));
        return await(x -> x != null && "True".equals(condition(x, "AllInjected")));
    }

    private void delete() {
        assertEquals(200, cluster.internal(HttpMethod.DELETE, PATH, null).code());
    }

    @Test
    void aCreatedNetworkChaosGetsTheFinalizerAndIsSelectedAndInjectedOnTheRunningPodsOnly() throws Exception {
        JsonNode o = createInjected();
        assertEquals("[\"chaos-mesh/records\"]", o.path("metadata").path("finalizers").toString());
        assertEquals("Run", o.path("status").path("experiment").path("desiredPhase").asText());
        assertEquals("True", condition(o, "Selected"));
        assertEquals("False", condition(o, "AllRecovered"));
        assertEquals("False", condition(o, "Paused"));
        JsonNode records = o.path("status").path("experiment").path("containerRecords");
        assertEquals(1, records.size());
        assertEquals("athens/proxy-0", records.get(0).path("id").asText());
        assertEquals("Injected", records.get(0).path("phase").asText());
    }

    @Test
    void aSelectorMatchingNoRunningPodLeavesSelectedFalseWithTheReason() throws Exception {
        cluster.create(networkChaos("nobody", "10m"));
        JsonNode o = await(x -> x != null && "False".equals(condition(x, "Selected")));
        JsonNode selected = conditionNode(o, "Selected");
        assertEquals("Failed", selected.path("reason").asText());
        assertEquals("select targets: no target has been selected", selected.path("message").asText());
        assertEquals("False", condition(o, "AllInjected"));
        assertTrue(o.path("status").path("experiment").path("containerRecords").isMissingNode());
    }

    @Test
    void whenTheDurationElapsesThePhaseIsStopAndAllIsRecoveredButTheObjectStays() throws Exception {
        cluster.create(networkChaos("athens-proxy", "1s"));
        JsonNode o = await(x -> x != null && "True".equals(condition(x, "AllRecovered")));
        assertEquals("Stop", o.path("status").path("experiment").path("desiredPhase").asText());
        assertEquals("False", condition(o, "AllInjected"));
        assertEquals("Not Injected", o.path("status").path("experiment").path("containerRecords").get(0).path("phase").asText());
        assertEquals("[\"chaos-mesh/records\"]", o.path("metadata").path("finalizers").toString());
    }

    @Test
    void aDeletedObjectIsRecoveredAndGoneOnceTheFinalizerIsRemoved() throws Exception {
        createInjected();
        delete();
        await(x -> x == null);
    }

    @Test
    void withTheControllerStoppedADeletedObjectStaysWithItsFinalizerUntilItStartsAgain() throws Exception {
        createInjected();
        controller.stop();
        delete();
        Thread.sleep(SimulatedChaosController.PERIOD.toMillis() * 5);
        JsonNode o = get();
        assertTrue(o.path("metadata").hasNonNull("deletionTimestamp"), o.toString());
        assertEquals("[\"chaos-mesh/records\"]", o.path("metadata").path("finalizers").toString());
        assertEquals("True", condition(o, "AllInjected"));
        controller.start();
        await(x -> x == null);
    }

    @Test
    void aHeldFinalizerKeepsTheDeletedObjectRecoveredButPresentUntilReleased() throws Exception {
        createInjected();
        controller.holdFinalizer(true);
        delete();
        JsonNode o = await(x -> x != null && "True".equals(condition(x, "AllRecovered")));
        assertEquals("Stop", o.path("status").path("experiment").path("desiredPhase").asText());
        assertEquals("[\"chaos-mesh/records\"]", o.path("metadata").path("finalizers").toString());
        controller.holdFinalizer(false);
        await(x -> x == null);
    }

    @Test
    void goDurationsAreReadAsChaosMeshWritesThem() {
        assertEquals(Duration.ofSeconds(90), SimulatedChaosController.goDuration("1m30s"));
        assertEquals(Duration.ofMillis(500), SimulatedChaosController.goDuration("500ms"));
        assertEquals(Duration.ofHours(2), SimulatedChaosController.goDuration("2h"));
    }

    /** A request as a client sends it, over HTTP (so injected faults apply). */
    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code kubectl annotate}: a JSON merge patch of one annotation ({@code value} null removes it). */
    private HttpResponse<String> annotate(String key, String value) throws Exception {
        String patch = "{\"metadata\":{\"annotations\":{\"" + key + "\":" + (value == null ? "null" : "\"" + value + "\"") + "}}}";
        return send("PATCH", PATH, "application/merge-patch+json", patch);
    }

    private JsonNode deployment() throws IOException {
        return JSON.readTree(FakeClusterDispatcher.text(cluster.internal(HttpMethod.GET, "/apis/apps/v1/namespaces/"
                + SimulatedChaosController.NAMESPACE + "/deployments/" + SimulatedChaosController.DEPLOYMENT, null)));
    }

    /** replicas/readyReplicas/availableReplicas and the Available condition, e.g. {@code 1/1/1 True}. */
    private static String health(JsonNode deployment) {
        JsonNode s = deployment.path("status");
        return s.path("replicas").asInt() + "/" + s.path("readyReplicas").asInt() + "/" + s.path("availableReplicas").asInt()
                + " " + conditionNode(deployment, "Available").path("status").asText();
    }

    private static JsonNode record(JsonNode object) {
        return object.path("status").path("experiment").path("containerRecords").get(0);
    }

    @Test
    void theControllerShowsAsAnAvailableDeploymentInNamespaceChaosMesh() throws Exception {
        JsonNode d = deployment();
        assertEquals("chaos-mesh", d.path("metadata").path("namespace").asText());
        assertEquals("controller-manager", d.path("metadata").path("labels").path("app.kubernetes.io/component").asText());
        assertEquals("chaos-mesh", d.path("metadata").path("labels").path("app.kubernetes.io/instance").asText());
        assertEquals("1/1/1 True", health(d));
    }

    @Test
    void aStoppedControllerShowsAsADeploymentWithNoReplicaAvailableUntilStarted() throws Exception {
        controller.stop();
        assertEquals("0/0/0 False", health(deployment()));
        assertEquals("Deployment does not have minimum availability.", conditionNode(deployment(), "Available").path("message").asText());
        controller.start();
        assertEquals("1/1/1 True", health(deployment()));
    }

    @Test
    void pausingRecoversTheRecordsAndResumingInjectsTheSameRecordsAgain() throws Exception {
        createInjected();
        assertEquals(200, annotate(SimulatedChaosController.PAUSE, "true").statusCode());
        JsonNode paused = await(x -> "True".equals(condition(x, "Paused")) && "True".equals(condition(x, "AllRecovered")));
        assertEquals("Stop", paused.path("status").path("experiment").path("desiredPhase").asText());
        assertEquals("False", condition(paused, "AllInjected"));
        assertEquals("{\"id\":\"athens/proxy-0\",\"selectorKey\":\".\",\"phase\":\"Not Injected\",\"injectedCount\":1,"
                + "\"recoveredCount\":1}", record(paused).toString());
        assertEquals(200, annotate(SimulatedChaosController.PAUSE, null).statusCode());
        JsonNode resumed = await(x -> "False".equals(condition(x, "Paused")) && "True".equals(condition(x, "AllInjected")));
        assertEquals("Run", resumed.path("status").path("experiment").path("desiredPhase").asText());
        assertEquals("{\"id\":\"athens/proxy-0\",\"selectorKey\":\".\",\"phase\":\"Injected\",\"injectedCount\":2,"
                + "\"recoveredCount\":1}", record(resumed).toString());
    }

    @Test
    void aPauseValueOtherThanTrueDoesNotPause() throws Exception {
        createInjected();
        assertEquals(200, annotate(SimulatedChaosController.PAUSE, "false").statusCode());
        Thread.sleep(SimulatedChaosController.PERIOD.toMillis() * 5);
        JsonNode o = get();
        assertEquals("False", condition(o, "Paused"));
        assertEquals("True", condition(o, "AllInjected"));
    }

    @Test
    void forcedCleanupDropsAHeldFinalizer() throws Exception {
        createInjected();
        controller.holdFinalizer(true);
        delete();
        await(x -> x != null && "True".equals(condition(x, "AllRecovered")));
        assertEquals(200, annotate(SimulatedChaosController.CLEAN_FINALIZER, "forced").statusCode());
        await(x -> x == null);
    }

    @Test
    void aStoppedControllerDoesNotActOnForcedCleanupUntilItStartsAgain() throws Exception {
        createInjected();
        controller.holdFinalizer(true);
        controller.stop();
        delete();
        // Written past the webhook (as after an operator deleted the webhook configurations).
        ObjectNode o = (ObjectNode) get();
        o.withObjectProperty("metadata").withObjectProperty("annotations").put(SimulatedChaosController.CLEAN_FINALIZER, "forced");
        assertEquals(200, cluster.internal(HttpMethod.PUT, PATH, o.toString()).code());
        Thread.sleep(SimulatedChaosController.PERIOD.toMillis() * 5);
        assertEquals("[\"chaos-mesh/records\"]", get().path("metadata").path("finalizers").toString());
        controller.start();
        await(x -> x == null);
    }

    @Test
    void whileStoppedWritesOfChaosObjectsFailAtTheWebhookButDeletesAreAccepted() throws Exception {
        createInjected();
        controller.stop();
        HttpResponse<String> patch = annotate(SimulatedChaosController.PAUSE, "true");
        assertEquals(500, patch.statusCode());
        JsonNode status = JSON.readTree(patch.body());
        assertEquals("InternalError", status.path("reason").asText());
        assertEquals("Internal error occurred: failed calling webhook \"mnetworkchaos.kb.io\": failed to call webhook: Post "
                + "\"https://chaos-mesh-controller-manager.chaos-mesh.svc:443/mutate-chaos-mesh-org-v1alpha1-networkchaos?timeout=5s\": "
                + "dial tcp 10.96.0.42:443: connect: connection refused", status.path("message").asText());
        HttpResponse<String> create = send("POST", "/apis/chaos-mesh.org/v1alpha1/namespaces/athens/podchaos", "application/json",
                "{\"apiVersion\":\"chaos-mesh.org/v1alpha1\",\"kind\":\"PodChaos\",\"metadata\":{\"name\":\"kill\"}}");
        assertEquals(500, create.statusCode());
        assertTrue(create.body().contains("failed calling webhook \\\"mpodchaos.kb.io\\\""), create.body());
        assertEquals(200, send("DELETE", PATH, "application/json", null).statusCode());
        assertTrue(get().path("metadata").hasNonNull("deletionTimestamp"));
        controller.start();
        assertEquals(200, send("PATCH", "/api/v1/namespaces/athens/pods/proxy-0", "application/merge-patch+json", "{}").statusCode());
        await(x -> x == null);
    }

    @Test
    void aPodKillIsOneShotAndStaysRunWhenItsDurationIsUp() throws Exception {
        cluster.create("apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata: {name: delay, namespace: athens}\n"
                + "spec: {action: pod-kill, mode: one, duration: 100ms, selector: {labelSelectors: {app: athens-proxy}}}\n");
        String path = PATH.replace("networkchaos", "podchaos");
        Thread.sleep(SimulatedChaosController.PERIOD.toMillis() * 5);
        JsonNode o = JSON.readTree(FakeClusterDispatcher.text(cluster.internal(HttpMethod.GET, path, null)));
        assertEquals("Run", o.path("status").path("experiment").path("desiredPhase").asText(), o.toString());
        assertEquals("True", condition(o, "AllInjected"));
    }
}
