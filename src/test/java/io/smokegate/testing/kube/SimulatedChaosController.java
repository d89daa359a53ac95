package io.smokegate.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Chaos Mesh's controller-manager on a {@link FakeCluster}, doing what its common controllers do to
 * the chaos objects (reference: chaos-mesh-and-peers.md §2 and §4): adds the finalizer {@code chaos-mesh/records},
 * sets {@code status.experiment.desiredPhase}, selects the Running pods of {@code spec.selector} once, records them
 * as injected, recovers them when {@code spec.duration} has elapsed or the object is deleted, and then removes the
 * finalizer so the deletion completes. Like the real one it writes status with a full update (no status subresource).
 *
 * <p>It polls every {@link #PERIOD} (bounded and simple; no watch to re-establish). {@link #stop()} simulates a dead
 * controller: nothing changes any more, so a deleted object keeps its finalizer and stays. {@link #holdFinalizer}
 * simulates a removal stuck: objects are marked deleted but the finalizer stays.
 */
public final class SimulatedChaosController implements AutoCloseable {

    public static final String FINALIZER = "chaos-mesh/records";
    /** The message Chaos Mesh's records controller reports when the selector matches no pod. */
    public static final String NOTHING_SELECTED = "select targets: no target has been selected";
    static final Duration PERIOD = Duration.ofMillis(100);
    static final List<String> PLURALS = List.of("networkchaos", "podchaos", "dnschaos", "stresschaos", "httpchaos",
            "iochaos", "timechaos");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final FakeCluster cluster;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-chaos-controller");
        t.setDaemon(true);
        return t;
    });
    // When the controller first saw an object (uid), for objects the mock stored without a creationTimestamp.
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile boolean holdFinalizer;
    private ScheduledFuture<?> loop;

    private SimulatedChaosController(FakeCluster cluster) {
        this.cluster = cluster;
    }

    /** A running controller for {@code cluster}. */
    public static SimulatedChaosController attach(FakeCluster cluster) {
        SimulatedChaosController controller = new SimulatedChaosController(cluster);
        controller.start();
        return controller;
    }

    public synchronized void start() {
        if (loop == null) {
            loop = executor.scheduleWithFixedDelay(this::reconcileAllSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A dead controller: reconciles nothing until {@link #start()}ed again (an ongoing pass finishes first). */
    public synchronized void stop() {
        if (loop != null) {
            loop.cancel(false);
            loop = null;
        }
        // Waits for a pass under way, so that "stopped" means nothing changes from here on.
        try {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the simulated chaos controller did not stop", e);
        }
    }

    /** true: deleted objects are recovered but keep their finalizer (a removal stuck); false: removal proceeds. */
    public void holdFinalizer(boolean hold) {
        this.holdFinalizer = hold;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void reconcileAllSafely() {
        try {
            reconcileAll();
        } catch (RuntimeException e) {
            // A failed pass is retried at the next period, as the real controller requeues.
            System.err.println("simulated chaos controller: " + e.getMessage());
        }
    }

    void reconcileAll() {
        for (String plural : PLURALS) {
            for (JsonNode item : list("/apis/chaos-mesh.org/v1alpha1/" + plural).path("items")) {
                reconcile(plural, (ObjectNode) item);
            }
        }
    }

    private void reconcile(String plural, ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        String namespace = metadata.path("namespace").asText();
        String path = "/apis/chaos-mesh.org/v1alpha1/namespaces/" + namespace + "/" + plural + "/"
                + metadata.path("name").asText();
        String before = object.toString();
        ObjectNode status = object.withObjectProperty("status");
        ObjectNode experiment = status.withObjectProperty("experiment");
        ArrayNode finalizers = metadata.withArrayProperty("finalizers");
        boolean hasFinalizer = false;
        for (JsonNode f : finalizers) {
            hasFinalizer |= FINALIZER.equals(f.asText());
        }
        boolean deleted = metadata.hasNonNull("deletionTimestamp");
        if (deleted) {
            experiment.put("desiredPhase", "Stop");
            recover(experiment);
            if (hasFinalizer && !holdFinalizer) {
                ArrayNode kept = JSON.createArrayNode();
                finalizers.forEach(f -> {
                    if (!FINALIZER.equals(f.asText())) {
                        kept.add(f);
                    }
                });
                metadata.set("finalizers", kept);
            }
        } else {
            if (!hasFinalizer) {
                finalizers.add(FINALIZER);
            }
            boolean timeUp = timeUp(object);
            experiment.put("desiredPhase", timeUp ? "Stop" : "Run");
            if (!status.has("conditions")) {
                // Targets are selected once, as Chaos Mesh does: pods started later are never added.
                select(object, namespace, experiment);
            }
            if (timeUp) {
                recover(experiment);
            }
        }
        conditions(object, status, experiment);
        if (!object.toString().equals(before)) {
            MockResponse answer = cluster.internal(HttpMethod.PUT, path, object.toString());
            if (answer.code() / 100 != 2 && answer.code() != 404 && answer.code() != 409) {
                throw new IllegalStateException("update of " + path + " refused: HTTP " + answer.code() + " "
                        + FakeClusterDispatcher.text(answer));
            }
        }
    }

    private void select(ObjectNode object, String namespace, ObjectNode experiment) {
        JsonNode selector = object.path("spec").path("selector");
        List<String> namespaces = new ArrayList<>();
        selector.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        if (namespaces.isEmpty()) {
            namespaces.add(namespace);
        }
        JsonNode labels = selector.path("labelSelectors");
        ArrayNode records = JSON.createArrayNode();
        for (String ns : namespaces) {
            for (JsonNode pod : list("/api/v1/namespaces/" + ns + "/pods").path("items")) {
                if (!"Running".equals(pod.path("status").path("phase").asText()) || !matches(labels, pod)) {
                    continue;
                }
                records.addObject().put("id", ns + "/" + pod.path("metadata").path("name").asText())
                        .put("selectorKey", ".").put("phase", "Injected").put("injectedCount", 1).put("recoveredCount", 0);
            }
        }
        if (!records.isEmpty()) {
            experiment.set("containerRecords", records);
        }
    }

    private static boolean matches(JsonNode labels, JsonNode pod) {
        JsonNode podLabels = pod.path("metadata").path("labels");
        for (var e : labels.properties()) {
            if (!e.getValue().asText().equals(podLabels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static void recover(ObjectNode experiment) {
        for (JsonNode record : experiment.path("containerRecords")) {
            if ("Injected".equals(record.path("phase").asText())) {
                ((ObjectNode) record).put("phase", "Not Injected").put("recoveredCount", record.path("recoveredCount").asInt() + 1);
            }
        }
    }

    /** The four conditions, always all present, recomputed on every pass as Chaos Mesh's condition controller does. */
    private static void conditions(ObjectNode object, ObjectNode status, ObjectNode experiment) {
        JsonNode records = experiment.path("containerRecords");
        boolean selected = records.isArray() && !records.isEmpty();
        boolean allInjected = selected;
        boolean allRecovered = true;
        for (JsonNode record : records) {
            allInjected &= "Injected".equals(record.path("phase").asText());
            allRecovered &= "Not Injected".equals(record.path("phase").asText());
        }
        boolean paused = "true".equals(object.path("metadata").path("annotations").path("experiment.chaos-mesh.org/pause").asText());
        ArrayNode conditions = JSON.createArrayNode();
        ObjectNode s = conditions.addObject().put("type", "Selected").put("status", selected ? "True" : "False");
        if (!selected) {
            s.put("reason", "Failed").put("message", NOTHING_SELECTED);
        }
        conditions.addObject().put("type", "AllInjected").put("status", allInjected ? "True" : "False");
        conditions.addObject().put("type", "AllRecovered").put("status", selected && allRecovered ? "True" : "False");
        conditions.addObject().put("type", "Paused").put("status", paused ? "True" : "False");
        status.set("conditions", conditions);
    }

    private boolean timeUp(ObjectNode object) {
        String duration = object.path("spec").path("duration").asText("");
        if (duration.isEmpty()) {
            return false;
        }
        JsonNode metadata = object.path("metadata");
        Instant created = metadata.hasNonNull("creationTimestamp")
                ? Instant.parse(metadata.path("creationTimestamp").asText())
                : firstSeen.computeIfAbsent(metadata.path("uid").asText(metadata.path("name").asText()), k -> Instant.now());
        return !Instant.now().isBefore(created.plus(goDuration(duration)));
    }

    /** A Go duration as Chaos Mesh's {@code spec.duration} holds it: {@code 30s}, {@code 1m30s}, {@code 500ms}. */
    static Duration goDuration(String text) {
        Matcher m = GO_DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            total = total.plusMillis(Math.round(n * unitMillis));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    private JsonNode list(String path) {
        MockResponse answer = cluster.internal(HttpMethod.GET, path, null);
        if (answer.code() != 200) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(FakeClusterDispatcher.text(answer));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable list of " + path, e);
        }
    }
}
