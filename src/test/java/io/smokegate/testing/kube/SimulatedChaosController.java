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
 * <p>It honours the documented escapes (§3, §4): the annotation {@link #PAUSE} {@code "true"} recovers the records
 * (desiredPhase Stop, Paused True) and removing it injects the same records again; {@link #CLEAN_FINALIZER}
 * {@code forced} on a deleted object makes it drop the finalizer even while {@link #holdFinalizer} holds it.
 *
 * <p>Its health shows as the real one's does, in Deployment {@link #DEPLOYMENT} of namespace {@link #NAMESPACE}:
 * ready and Available while running; none ready and Available False after {@link #stop()}.
 *
 * <p>It polls every {@link #PERIOD} (bounded and simple; no watch to re-establish). {@link #stop()} simulates a dead
 * controller: nothing changes any more, so a deleted object keeps its finalizer and stays, and, as Chaos Mesh's
 * admission webhooks ({@code failurePolicy: Fail}) then cannot be called, every create, update or patch of a chaos
 * object fails with 500 while deletes are accepted. {@link #holdFinalizer} simulates a removal stuck: objects are
 * marked deleted but the finalizer stays.
 */
public final class SimulatedChaosController implements AutoCloseable {

    public static final String FINALIZER = "chaos-mesh/records";
    /** The namespace and Deployment of the controller-manager, as the Helm chart installs them. */
    public static final String NAMESPACE = "chaos-mesh";
    public static final String DEPLOYMENT = "chaos-controller-manager";
    /** {@code "true"} pauses an experiment (§3). */
    public static final String PAUSE = "experiment.chaos-mesh.org/pause";
    /** {@code forced} makes the running controller drop the finalizer of a deleted object without waiting (§4). */
    public static final String CLEAN_FINALIZER = "chaos-mesh.chaos-mesh.org/cleanFinalizer";
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
    // The failing webhook calls while stopped: one fault per chaos kind and written method.
    private final List<FakeClusterDispatcher.Fault> webhookDown = webhookFaults();

    private SimulatedChaosController(FakeCluster cluster) {
        this.cluster = cluster;
    }

    /** A running controller for {@code cluster}. */
    public static SimulatedChaosController attach(FakeCluster cluster) {
        SimulatedChaosController controller = new SimulatedChaosController(cluster);
        if (cluster.internal(HttpMethod.GET, deploymentPath(), null).code() == 404) {
            cluster.create(DEPLOYMENT_YAML);
        }
        controller.start();
        return controller;
    }

    /** Running again: the Deployment ready and Available, the webhooks answering, reconciling resumed. */
    public synchronized void start() {
        webhookDown.forEach(cluster::removeFault);
        deploymentHealth(true);
        if (loop == null) {
            loop = executor.scheduleWithFixedDelay(this::reconcileAllSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A dead controller: reconciles nothing until {@link #start()}ed again (an ongoing pass finishes first), its
     * Deployment has no ready replica, and writes of chaos objects fail at the webhook (not the controller's own).
     */
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
        deploymentHealth(false);
        webhookDown.forEach(cluster::addFault);
    }

    private static final String DEPLOYMENT_YAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: chaos-controller-manager
              namespace: chaos-mesh
              labels: {app.kubernetes.io/component: controller-manager, app.kubernetes.io/instance: chaos-mesh, app.kubernetes.io/name: chaos-mesh}
            spec:
              replicas: 1
              selector: {matchLabels: {app.kubernetes.io/component: controller-manager, app.kubernetes.io/instance: chaos-mesh}}
              template:
                metadata: {labels: {app.kubernetes.io/component: controller-manager, app.kubernetes.io/instance: chaos-mesh, app.kubernetes.io/name: chaos-mesh}}
                spec: {containers: [{name: chaos-mesh, image: ghcr.io/chaos-mesh/chaos-mesh:v2.8.3}]}
            """;

    private static String deploymentPath() {
        return "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments/" + DEPLOYMENT;
    }

    /** The Deployment status a client reads to tell whether the controller-manager is up (as kube's controller writes it). */
    private void deploymentHealth(boolean up) {
        try {
            ObjectNode deployment = (ObjectNode) JSON.readTree(FakeClusterDispatcher.text(
                    cluster.internal(HttpMethod.GET, deploymentPath(), null)));
            int n = up ? 1 : 0;
            ObjectNode status = deployment.putObject("status").put("observedGeneration", 1).put("replicas", n)
                    .put("updatedReplicas", n).put("readyReplicas", n).put("availableReplicas", n);
            status.putArray("conditions").addObject().put("type", "Available").put("status", up ? "True" : "False")
                    .put("reason", "MinimumReplicasAvailable")
                    .put("message", up ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
            cluster.internal(HttpMethod.PUT, deploymentPath(), deployment.toString());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the Deployment " + NAMESPACE + "/" + DEPLOYMENT + " is unreadable", e);
        }
    }

    /**
     * What Kubernetes answers a create, update or patch of a chaos object when the mutating webhook of Chaos Mesh
     * cannot be reached (its controller-manager is down; reference §4). Deletes are not intercepted.
     */
    private static List<FakeClusterDispatcher.Fault> webhookFaults() {
        List<FakeClusterDispatcher.Fault> faults = new ArrayList<>();
        for (String kind : PLURALS) { // the plural of every chaos kind is its lowercased kind
            String cause = "failed calling webhook \"m" + kind + ".kb.io\": failed to call webhook: Post "
                    + "\"https://chaos-mesh-controller-manager.chaos-mesh.svc:443/mutate-chaos-mesh-org-v1alpha1-" + kind
                    + "?timeout=5s\": dial tcp 10.96.0.42:443: connect: connection refused";
            ObjectNode details = JSON.createObjectNode();
            details.putArray("causes").addObject().put("message", cause);
            String body = FakeClusterDispatcher.text(FakeClusterDispatcher.status(500, "InternalError",
                    "Internal error occurred: " + cause, details));
            Pattern path = Pattern.compile("/apis/chaos-mesh\\.org/v1alpha1/namespaces/[^/]+/" + kind + "(/.*)?");
            for (String method : List.of("POST", "PUT", "PATCH")) {
                faults.add(new FakeClusterDispatcher.Fault(method, path, 500, body, null));
            }
        }
        return List.copyOf(faults);
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
        JsonNode annotations = metadata.path("annotations");
        if (deleted) {
            experiment.put("desiredPhase", "Stop");
            recover(experiment);
            // The forced cleanup escape works even when the removal is stuck, as long as the controller runs.
            boolean forced = "forced".equals(annotations.path(CLEAN_FINALIZER).asText());
            if (hasFinalizer && (!holdFinalizer || forced)) {
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
            // Chaos Mesh's desiredPhase order: a one-shot kill always runs; else time up or paused stops it.
            String action = object.path("spec").path("action").asText();
            boolean oneShot = plural.equals("podchaos") && (action.equals("pod-kill") || action.equals("container-kill"));
            boolean stop = !oneShot && (timeUp(object) || "true".equals(annotations.path(PAUSE).asText()));
            experiment.put("desiredPhase", stop ? "Stop" : "Run");
            if (!status.has("conditions")) {
                // Targets are selected once, as Chaos Mesh does: pods started later are never added.
                select(object, namespace, experiment);
            }
            if (stop) {
                recover(experiment);
            } else {
                inject(experiment); // the same records again after a pause: targets are not selected anew
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
                        .put("selectorKey", ".").put("phase", "Not Injected").put("injectedCount", 0).put("recoveredCount", 0);
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
        drive(experiment, "Injected", "Not Injected", "recoveredCount");
    }

    private static void inject(ObjectNode experiment) {
        drive(experiment, "Not Injected", "Injected", "injectedCount");
    }

    /** Moves every record in phase {@code from} to {@code to}, counting it, as the records controller applies or recovers. */
    private static void drive(ObjectNode experiment, String from, String to, String counter) {
        for (JsonNode record : experiment.path("containerRecords")) {
            if (from.equals(record.path("phase").asText())) {
                ((ObjectNode) record).put("phase", to).put(counter, record.path(counter).asInt() + 1);
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
        boolean paused = "true".equals(object.path("metadata").path("annotations").path(PAUSE).asText());
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
