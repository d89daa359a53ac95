package io.smokegate.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.smokegate.testing.rbac.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stand-in Kubernetes API server for tests and demos: Fabric8's mock server in CRUD mode (objects are stored,
 * listed, watched, patched and deleted, finalizers honoured) made to behave more like the real thing where
 * smokegate and kubectl depend on it: paginated lists ({@code limit}/{@code continue}), {@code in}/{@code notin}
 * label selectors, API discovery and {@code /version} (so kubectl works against it), {@code /readyz}, Status bodies. It starts
 * with the custom resource definitions the cluster features need: Chaos Mesh v2.8.3 (the real ones), Argo CD
 * {@code Application}, Flux {@code Kustomization}/{@code HelmRelease}, cert-manager {@code Certificate}, and the
 * namespaces {@code default}, {@code kube-system}, {@code kube-public}.
 *
 * <p>It listens on 127.0.0.1, plain HTTP by default or TLS with a self-signed certificate, and can write a
 * kubeconfig pointing at itself. Tests inject faults with {@link #answer}, {@link #forbid}, {@link #delay} and {@link #readyz},
 * and read what clients asked with {@link #requests}. {@link FakeClusterMain} runs the same as a process.
 */
public final class FakeCluster implements AutoCloseable {

    /** The version the fake API server reports. */
    public static final String GIT_VERSION = "v1.32.0-smokegate-fake";

    /** The user the kubeconfigs written here authenticate as: the subject of their (unsigned) token. */
    public static final String SERVICE_ACCOUNT = "system:serviceaccount:smokegate:smokegate";

    private static final List<String> CRDS = List.of(
            "chaos-mesh/crds/networkchaos.yaml", "chaos-mesh/crds/podchaos.yaml", "chaos-mesh/crds/stresschaos.yaml",
            "chaos-mesh/crds/iochaos.yaml", "chaos-mesh/crds/httpchaos.yaml", "chaos-mesh/crds/dnschaos.yaml",
            "chaos-mesh/crds/timechaos.yaml", "chaos-mesh/crds/schedule.yaml", "chaos-mesh/crds/workflow.yaml",
            "chaos-mesh/crds/statuscheck.yaml", "fake-cluster/crds/argocd-application.yaml",
            "fake-cluster/crds/flux-kustomization.yaml", "fake-cluster/crds/flux-helmrelease.yaml",
            "fake-cluster/crds/cert-manager-certificate.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    // The mock web server logs every request at INFO; held here because java.util.logging keeps loggers weakly.
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static List<JsonNode> definitions;

    private final KubernetesMockServer server;
    private final FakeClusterDispatcher dispatcher;
    private final boolean tls;

    private FakeCluster(int port, boolean tls) {
        this.tls = tls;
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        this.dispatcher = new FakeClusterDispatcher(expectations, GIT_VERSION);
        if (RequestLog.enabled()) {
            dispatcher.test(startingTest());
        }
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, tls);
        try {
            server.start(InetAddress.getLoopbackAddress(), port);
        } catch (RuntimeException e) {
            server.shutdown(); // stops the mock server's own Vert.x instance, which would keep the JVM alive
            throw e;
        }
        // The stock expectations for / and /version match only query-less paths; the dispatcher answers both.
        server.clearExpectations();
        dispatcher.serverAddress("127.0.0.1:" + server.getPort());
        try {
            for (String namespace : List.of("default", "kube-system", "kube-public")) {
                ensureNamespace(namespace);
            }
            for (JsonNode crd : definitions()) {
                create(crd);
            }
        } catch (IOException | RuntimeException e) {
            server.shutdown();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The test class on the stack (named *Test or *IT), else the first caller outside this package. */
    private static String startingTest() {
        List<String> callers = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> !c.startsWith(FakeCluster.class.getPackageName() + ".FakeCluster")).toList());
        return callers.stream().filter(c -> c.matches(".*(Test|IT)(\\$.*)?")).findFirst()
                .or(() -> callers.stream().findFirst()).orElse("").replaceFirst("\\$.*", "");
    }

    /** The custom resource definitions every fake cluster starts with, parsed once per JVM (1.5 MB of YAML). */
    private static synchronized List<JsonNode> definitions() throws IOException {
        if (definitions == null) {
            List<JsonNode> parsed = new ArrayList<>();
            for (String crd : CRDS) {
                try (InputStream in = FakeCluster.class.getClassLoader().getResourceAsStream(crd)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource " + crd + " is missing");
                    }
                    parsed.add(YAML.readTree(in));
                }
            }
            definitions = List.copyOf(parsed);
        }
        return definitions;
    }

    /** A fake cluster on a free loopback port, plain HTTP. */
    public static FakeCluster start() {
        return new FakeCluster(0, false);
    }

    /** A fake cluster on {@code port} (0: any free one), plain HTTP. */
    public static FakeCluster start(int port) {
        return new FakeCluster(port, false);
    }

    /** A fake cluster on a free loopback port with TLS; {@link #caCertificatePem()} is the CA to trust. */
    public static FakeCluster startTls() {
        return startTls(0);
    }

    /** A fake cluster on {@code port} (0: any free one) with TLS. */
    public static FakeCluster startTls(int port) {
        return new FakeCluster(port, true);
    }

    public int port() {
        return server.getPort();
    }

    /** The API server URL, e.g. {@code http://127.0.0.1:38123}. */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** The PEM certificate of a TLS fake cluster (self-signed, for localhost and 127.0.0.1). */
    public String caCertificatePem() {
        if (!tls) {
            throw new IllegalStateException("this fake cluster speaks plain HTTP");
        }
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A kubeconfig with one context per name, all pointing at this cluster, the first one current, authenticating
     * with a token whose subject is {@link #SERVICE_ACCOUNT}.
     */
    public String kubeconfig(String... contexts) {
        if (contexts.length == 0) {
            contexts = new String[] {"fake"};
        }
        StringBuilder s = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        s.append("- name: fake-").append(port()).append("\n  cluster:\n    server: ").append(url()).append('\n');
        if (tls) {
            s.append("    certificate-authority-data: ")
                    .append(Base64.getEncoder().encodeToString(caCertificatePem().getBytes(StandardCharsets.US_ASCII))).append('\n');
        }
        s.append("users:\n- name: fake-").append(port()).append("-smokegate\n  user:\n    token: ")
                .append(serviceAccountToken("smokegate", "smokegate")).append("\ncontexts:\n");
        for (String context : contexts) {
            s.append("- name: ").append(context).append("\n  context:\n    cluster: fake-").append(port())
                    .append("\n    user: fake-").append(port()).append("-smokegate\n    namespace: default\n");
        }
        return s.append("current-context: ").append(contexts[0]).append('\n').toString();
    }

    /** Writes {@link #kubeconfig} to {@code file} and returns it. */
    public Path writeKubeconfig(Path file, String... contexts) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, kubeconfig(contexts));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A token shaped like a service-account token (an unsigned JWT whose subject is
     * {@code system:serviceaccount:NAMESPACE:NAME}); the fake cluster accepts any token.
     */
    public static String serviceAccountToken(String namespace, String name) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"kubernetes/serviceaccount\",\"sub\":\"system:serviceaccount:"
                + namespace + ":" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".unsigned";
    }

    /** Creates objects (Fabric8 model objects, or generic ones of a registered custom resource). */
    public void create(HasMetadata... objects) {
        for (HasMetadata object : objects) {
            try {
                create(JSON.readTree(Serialization.asJson(object)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Creates every object of a YAML or JSON text (several documents, and {@code kind: List}, allowed). */
    public int create(String yaml) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int created = 0;
            for (JsonNode document : documents.readAll()) {
                created += create(document);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates every object of the YAML/JSON files in {@code path} (a file, or a directory searched recursively in
     * name order); custom resource definitions first, so the custom resources that need them can follow.
     *
     * @return how many objects were created
     */
    public int load(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches("(?i).*\\.(ya?ml|json)$")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        List<JsonNode> definitions = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                for (JsonNode document : documents.readAll()) {
                    if (document == null || document.isNull() || document.isEmpty()) {
                        continue;
                    }
                    ("CustomResourceDefinition".equals(document.path("kind").asText()) ? definitions : others).add(document);
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        int created = 0;
        for (JsonNode document : definitions) {
            created += create(document);
        }
        for (JsonNode document : others) {
            created += create(document);
        }
        return created;
    }

    private int create(JsonNode document) {
        if (document == null || document.isNull() || document.isEmpty()) {
            return 0;
        }
        String kind = document.path("kind").asText();
        String apiVersion = document.path("apiVersion").asText();
        if (document.path("items").isArray() && kind.endsWith("List")) {
            int created = 0;
            for (JsonNode item : document.path("items")) {
                created += create(item);
            }
            return created;
        }
        ApiResources.ApiResource resource = dispatcher.resources().byKind(apiVersion, kind).orElseThrow(() ->
                new IllegalArgumentException("the fake cluster does not serve " + kind + " (" + apiVersion
                        + "): create its CustomResourceDefinition first"));
        ObjectNode object = document.deepCopy();
        ObjectNode metadata = object.withObjectProperty("metadata");
        String namespace = null;
        if (resource.namespaced()) {
            namespace = metadata.path("namespace").asText("");
            if (namespace.isEmpty()) {
                namespace = "default";
                metadata.put("namespace", namespace);
            }
            ensureNamespace(namespace);
        } else {
            metadata.remove("namespace");
        }
        MockResponse answer = post(resource.collectionPath(namespace), object.toString());
        if (answer.code() / 100 != 2) {
            throw new IllegalStateException("the fake cluster refused " + kind + " " + metadata.path("name").asText()
                    + ": HTTP " + answer.code() + " " + FakeClusterDispatcher.text(answer));
        }
        return 1;
    }

    private void ensureNamespace(String namespace) {
        RecordedRequest get = new RecordedRequest("HTTP/1.1", HttpMethod.GET, "/api/v1/namespaces/" + namespace,
                Headers.builder().build(), new Buffer());
        if (dispatcher.answerInternally(get).code() == 404) {
            post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                    + namespace + "\"}}");
        }
    }

    private MockResponse post(String path, String json) {
        return internal(HttpMethod.POST, path, json);
    }

    /**
     * Applies a JSON merge patch to the object at {@code path} (e.g. {@code /api/v1/namespaces/athens}): test setup,
     * answered in-process like {@link #create}, so it is not in the request log and not taken for the product's.
     */
    public void mergePatch(String path, String patch) {
        MockResponse answer = dispatcher.answerInternally(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path,
                Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
                new Buffer(patch.getBytes(StandardCharsets.UTF_8))));
        if (answer.code() / 100 != 2) {
            throw new IllegalStateException("the fake cluster refused the patch of " + path + ": HTTP " + answer.code()
                    + " " + FakeClusterDispatcher.text(answer));
        }
    }

    /** Answers a request without going through HTTP (nor the request log): for in-process controllers. */
    MockResponse internal(HttpMethod method, String path, String json) {
        return dispatcher.answerInternally(new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer((json == null ? "" : json).getBytes(StandardCharsets.UTF_8))));
    }

    /** Adds an injected answer or delay that its owner removes again with {@link #removeFault}. */
    void addFault(FakeClusterDispatcher.Fault fault) {
        dispatcher.addFault(fault);
    }

    void removeFault(FakeClusterDispatcher.Fault fault) {
        dispatcher.removeFault(fault);
    }

    /** Answers requests of {@code method} (null: any) whose path (without query) matches {@code pathRegex}. */
    public void answer(String method, String pathRegex, int status, String body) {
        dispatcher.addFault(new FakeClusterDispatcher.Fault(method, Pattern.compile(pathRegex), status, body, null));
    }

    /**
     * Refuses {@code verb} on {@code resource} of API {@code group} in {@code namespace} (null: all namespaces,
     * or a cluster-scoped resource) with the 403 a real API server sends when {@code user} lacks the permission.
     */
    public void forbid(String user, String verb, String group, String resource, String namespace) {
        ApiResources.ApiResource r = dispatcher.resources().byGroupAndPlural(group, resource).orElseThrow(() ->
                new IllegalArgumentException("the fake cluster does not serve " + resource + " in group '" + group + "'"));
        String collection = r.namespaced() && namespace == null
                ? r.collectionPath("X").replace("/namespaces/X", "")
                : r.collectionPath(namespace);
        boolean named = List.of("get", "update", "patch", "delete").contains(verb);
        String method = switch (verb) {
            case "get", "list", "watch" -> "GET";
            case "create" -> "POST";
            case "update" -> "PUT";
            case "patch" -> "PATCH";
            case "delete", "deletecollection" -> "DELETE";
            default -> throw new IllegalArgumentException("unknown verb " + verb);
        };
        // Recorded as a rule too, so that a SelfSubjectAccessReview of the same permission answers allowed=false.
        FakeClusterDispatcher.Forbidden rule = new FakeClusterDispatcher.Forbidden(user, verb, group, resource, namespace);
        dispatcher.addForbidden(rule);
        String message = resource + " is forbidden: " + rule.denial(r.namespaced());
        ObjectNode details = JSON.createObjectNode().put("group", group).put("kind", resource);
        answer(method, Pattern.quote(collection) + (named ? "/[^/]+" : ""), 403,
                FakeClusterDispatcher.text(FakeClusterDispatcher.status(403, "Forbidden", message, details)));
    }

    /**
     * Refuses {@code verb} on the non-resource URL {@code path} (e.g. {@code get} on {@code /metrics}) with the 403 a
     * real API server sends when {@code user} lacks it.
     */
    public void forbidPath(String user, String verb, String path) {
        String message = "forbidden: User \"" + user + "\" cannot " + verb + " path \"" + path + "\"";
        answer(null, Pattern.quote(path), 403, FakeClusterDispatcher.text(FakeClusterDispatcher.status(403, "Forbidden", message,
                JSON.createObjectNode())));
    }

    /**
     * Serves {@code text} at {@code GET /metrics} as an API server does (Prometheus text format); null stops
     * serving it (404).
     */
    public void metricsText(String text) {
        dispatcher.metrics(text);
    }

    /**
     * Answers the later pages of lists (requests with a {@code continue} token) of {@code method} whose path matches
     * {@code pathRegex}: a list that fails midway, after its first page was delivered.
     */
    public void answerContinuedPages(String method, String pathRegex, int status, String body) {
        dispatcher.addFault(new FakeClusterDispatcher.Fault(method, Pattern.compile(pathRegex), status, body, null, true));
    }

    /** Delays the answer to requests matching {@code method} (null: any) and {@code pathRegex}: a hanging server. */
    public void delay(String method, String pathRegex, Duration delay) {
        dispatcher.addFault(new FakeClusterDispatcher.Fault(method, Pattern.compile(pathRegex), 0, null, delay));
    }

    /**
     * Makes {@code /readyz} report these of its checks failed (e.g. {@code etcd}), as a real API server does
     * (status 500, {@code [-]etcd failed: reason withheld}); none given, every check passes again.
     */
    public void readyz(String... failingChecks) {
        for (String check : failingChecks) {
            if (!FakeClusterDispatcher.READYZ_CHECKS.contains(check)) {
                throw new IllegalArgumentException("/readyz of the fake cluster has no check " + check + "; it has "
                        + FakeClusterDispatcher.READYZ_CHECKS);
            }
        }
        dispatcher.failReadyz(java.util.Set.of(failingChecks));
    }

    /** Removes every injected answer, delay and {@link #forbid} rule, and every /readyz failure. */
    public void clearFaults() {
        dispatcher.clearFaults();
        dispatcher.failReadyz(java.util.Set.of());
    }

    /** Every request received since the start (or {@link #clearRequests()}), as {@code METHOD /path?query}. */
    /** The JSON body of every chaos object created so far (server-side dry runs excepted), in order. */
    public List<String> chaosObjectsCreated() {
        return dispatcher.chaosCreated();
    }

    public List<String> requests() {
        return dispatcher.requests().stream().map(FakeClusterDispatcher.Received::line).toList();
    }

    /** The Authorization header of every request received, in order (empty when a request had none). */
    public List<String> authorizations() {
        return dispatcher.requests().stream().map(FakeClusterDispatcher.Received::authorization).toList();
    }

    /** The requests of {@code method} whose path (without query) matches {@code pathRegex}. */
    public List<String> requests(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return requests().stream().filter(r -> {
            String[] parts = r.split(" ", 2);
            String target = parts[1];
            int q = target.indexOf('?');
            return parts[0].equals(method.toUpperCase(Locale.ROOT))
                    && path.matcher(q < 0 ? target : target.substring(0, q)).matches();
        }).toList();
    }

    public void clearRequests() {
        dispatcher.clearRequests();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
