package io.smokegate.testing.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Chaos Mesh controller drives chaos objects of the fake cluster as the real one does. */
class SimulatedChaosControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private void delete() {
        assertEquals(200, cluster.internal(HttpMethod.DELETE, PATH, null).code());
    }

    @Test
    void aCreatedNetworkChaosGetsTheFinalizerAndIsSelectedAndInjectedOnTheRunningPodsOnly() throws Exception {
        cluster.create(networkChaos("athens-proxy", "10m"));
        JsonNode o = await(x -> x != null && "True".equals(condition(x, "AllInjected")));
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
        cluster.create(networkChaos("athens-proxy", "10m"));
        await(x -> x != null && "True".equals(condition(x, "AllInjected")));
        delete();
        await(x -> x == null);
    }

    @Test
    void withTheControllerStoppedADeletedObjectStaysWithItsFinalizerUntilItStartsAgain() throws Exception {
        cluster.create(networkChaos("athens-proxy", "10m"));
        await(x -> x != null && "True".equals(condition(x, "AllInjected")));
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
        cluster.create(networkChaos("athens-proxy", "10m"));
        await(x -> x != null && "True".equals(condition(x, "AllInjected")));
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
}
