package io.smokegate.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.smokegate.testing.rbac.RequestLog;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric8's CRUD dispatcher plus what a client of a real API server relies on and the stock mock lacks:
 * API discovery for kubectl, {@code /version}, paginated lists ({@code limit}/{@code continue}, stable order,
 * {@code remainingItemCount}), label selectors with {@code in}/{@code notin}, Status bodies on 404, strategic
 * merge patches (read as JSON merge patches) — and faults a test can inject: fixed answers (a 403 for one
 * path) and delays (an API server that hangs). Every request is recorded.
 */
final class FakeClusterDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)");
    private static final Pattern COLLECTION = Pattern.compile(
            "/(?:api/(v1)|apis/([^/]+)/([^/]+))(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?");
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String CHAOS_OBJECTS = "/apis/chaos-mesh.org/";
    private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private static final int REQUEST_LOG_LIMIT = 100_000;
    /** The checks a v1.32 API server's /readyz lists, the post-start hooks shortened to a few. */
    static final List<String> READYZ_CHECKS = List.of("ping", "log", "etcd", "etcd-readiness", "informer-sync",
            "poststarthook/start-apiserver-admission-initializer", "poststarthook/generic-apiserver-start-informers",
            "poststarthook/start-apiextensions-controllers", "poststarthook/crd-informer-synced",
            "poststarthook/rbac/bootstrap-roles", "poststarthook/apiservice-registration-controller",
            "autoregister-completion", "shutdown");

    /** An injected answer ({@code status > 0}) or delay (of the real answer, or of the injected one). */
    /** @param continuedOnly the fault hits only the later pages of a list (requests with a {@code continue} token) */
    record Fault(String method, Pattern path, int status, String body, Duration delay, boolean continuedOnly) {

        Fault(String method, Pattern path, int status, String body, Duration delay) {
            this(method, path, status, body, delay, false);
        }

        boolean matches(String requestMethod, String requestPath, Map<String, String> query) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches()
                    && (!continuedOnly || query.containsKey("continue"));
        }
    }

    /**
     * A permission a test took away ({@link FakeCluster#forbid}): both the 403 of the requests it covers and the
     * answer of a SelfSubjectAccessReview come from it. {@code namespace} null: every namespace (or cluster-scoped).
     * The fake cluster has one caller in practice, so a rule applies whoever asks; {@code user} names it in messages.
     */
    record Forbidden(String user, String verb, String group, String resource, String namespace) {

        /** Whether asking for {@code verb} on {@code group}/{@code resource} in {@code ns} ("" for all) is denied. */
        boolean covers(String verb, String group, String resource, String ns) {
            // A permission missing in one namespace is also missing cluster-wide (ns ""), as with RBAC.
            return this.verb.equals(verb) && this.group.equals(group) && this.resource.equals(resource)
                    && (namespace == null || ns.isEmpty() || namespace.equals(ns));
        }

        /** The API server's wording of the denial, as in the message of its 403. */
        String denial(boolean namespaced) {
            String scope = namespaced && namespace != null ? " in the namespace \"" + namespace + "\"" : " at the cluster scope";
            return "User \"" + user + "\" cannot " + verb + " resource \"" + resource + "\" in API group \"" + group + "\"" + scope;
        }
    }

    /** A request as received: {@code METHOD /path?query} and its Authorization header (empty if none). */
    record Received(String line, String authorization) {
    }

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expected;
    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final ApiResources resources = ApiResources.builtIn();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Forbidden> forbidden = new CopyOnWriteArrayList<>();
    private final Deque<Received> requests = new ArrayDeque<>();
    /** The body of every create of a chaos object: what a test checks "never without spec.duration" against. */
    private final List<String> chaosCreated = new CopyOnWriteArrayList<>();
    private final String version;
    private volatile String serverAddress = "127.0.0.1:443";
    /** The test class that started this cluster: named beside each request in the RBAC request log. */
    private volatile String test = "";
    private volatile Set<String> failingReadyz = Set.of();
    /** The text GET /metrics answers, or null: not served (404, like the CRUD mock for any unknown path). */
    private volatile String metrics;

    FakeClusterDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, String gitVersion) {
        this.expectations = expectations;
        this.expected = new MockDispatcher(expectations);
        Matcher v = Pattern.compile("v(\\d+)\\.(\\d+).*").matcher(gitVersion);
        ObjectNode info = JSON.createObjectNode()
                .put("major", v.matches() ? v.group(1) : "1").put("minor", v.matches() ? v.group(2) : "32")
                .put("gitVersion", gitVersion).put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean").put("buildDate", "2025-01-01T00:00:00Z").put("goVersion", "go1.23.4")
                .put("compiler", "gc").put("platform", "linux/amd64");
        this.version = info.toString();
    }

    void serverAddress(String hostPort) {
        this.serverAddress = hostPort;
    }

    void test(String testClass) {
        this.test = testClass;
    }

    void metrics(String text) {
        this.metrics = text;
    }

    ApiResources resources() {
        return resources;
    }

    void failReadyz(Set<String> checks) {
        this.failingReadyz = Set.copyOf(checks);
    }

    void addFault(Fault fault) {
        faults.add(0, fault);
    }

    void removeFault(Fault fault) {
        faults.remove(fault);
    }

    void addForbidden(Forbidden rule) {
        forbidden.add(rule);
    }

    void clearFaults() {
        faults.clear();
        forbidden.clear();
    }

    List<String> chaosCreated() {
        return List.copyOf(chaosCreated);
    }

    List<Received> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getPath();
        synchronized (requests) {
            if (requests.size() == REQUEST_LOG_LIMIT) {
                requests.removeFirst();
            }
            String authorization = request.getHeader("Authorization");
            requests.addLast(new Received(request.getMethod() + " " + target, authorization == null ? "" : authorization));
        }
        // Only requests that came over HTTP get here: FakeCluster's seeding (create, load) and the simulated chaos
        // controller answer in-process (answerInternally), so they never appear in the RBAC log.
        RequestLog.record(request.getMethod(), target, request.getHeader("User-Agent"), test);
        if (request.getMethod().equals("POST") && target.startsWith(CHAOS_OBJECTS) && !target.contains("dryRun=")) {
            chaosCreated.add(request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        Fault fault = faults.stream().filter(f -> f.matches(request.getMethod(), path, query)).findFirst().orElse(null);
        MockResponse response = fault != null && fault.status() > 0
                ? json(fault.status(), fault.body())
                : answer(request, path, query);
        if (fault != null && fault.delay() != null) {
            if (response.getBody() == null || response.getBody().size() == 0) {
                response.setBody("{}");
            }
            response.setBodyDelay(fault.delay());
        }
        return response;
    }

    /** Serves a request the fixture itself makes (seeding objects): not logged, no faults. */
    MockResponse answerInternally(RecordedRequest request) {
        String target = request.getPath();
        int q = target.indexOf('?');
        return answer(request, q < 0 ? target : target.substring(0, q), query(q < 0 ? "" : target.substring(q + 1)));
    }

    private MockResponse answer(RecordedRequest request, String path, Map<String, String> query) {
        if (!expectations.isEmpty()) {
            Queue<ServerResponse> queue = expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
            if (queue != null && !queue.isEmpty()) {
                return expected.dispatch(request);
            }
        }
        String method = request.getMethod();
        if (method.equals("POST") && path.equals(ACCESS_REVIEWS)) {
            return selfSubjectAccessReview(request);
        }
        if (query.containsKey("dryRun")) {
            return dryRun(request, path, query.get("dryRun"));
        }
        if (method.equals("GET")) {
            if (path.equals("/metrics")) {
                String page = metrics;
                return page == null ? status(404, "NotFound", "the server could not find the requested resource", null)
                        : new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .setBody(page);
            }
            String discovery = discovery(path);
            if (discovery != null) {
                return json(200, discovery);
            }
            if (path.startsWith("/openapi/")) {
                String doc = path.equals("/openapi/v3") ? resources.openApiRoot()
                        : path.startsWith("/openapi/v3/") ? resources.openApi(path.substring("/openapi/v3/".length())) : null;
                return doc != null ? json(200, doc) : status(404, "NotFound", "the server could not find the requested resource", null);
            }
            if (path.equals("/readyz")) {
                return readyz(query.containsKey("verbose"));
            }
            if ("true".equals(query.get("watch"))) {
                return crud.dispatch(request);
            }
            return get(path, query);
        }
        if (method.equals("PATCH")) {
            String type = request.getHeader("Content-Type");
            if (type != null && type.startsWith("application/apply-patch")) {
                return status(415, "UnsupportedMediaType", "server-side apply is not supported by the fake cluster; "
                        + "use kubectl apply without --server-side", null);
            }
            if (type != null && type.startsWith("application/strategic-merge-patch+json")) {
                // Close enough for the objects tests apply: a strategic merge patch without directives is a merge patch.
                Headers headers = request.getHeaders().newBuilder()
                        .set("Content-Type", "application/merge-patch+json").build();
                request = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
                        request.getBody());
            }
        }
        MockResponse response = notFoundStatus(withContentType(crud.dispatch(request)), path);
        if (method.equals("PATCH") && response.code() == 202) {
            response.setResponseCode(200); // the CRUD mock says 202 Accepted; an API server says 200 with the object
        }
        if (path.startsWith(CRDS) && response.code() / 100 == 2) {
            crdChanged(method, path, response);
        }
        return response;
    }

    /**
     * {@code POST selfsubjectaccessreviews} ("may I?", as {@code kubectl auth can-i} asks): the review echoed with
     * {@code status.allowed}, false when a {@link Forbidden} rule covers {@code spec.resourceAttributes}. Real RBAC
     * often leaves {@code reason} empty on a denial; the fake gives the 403's wording so a report has something to show.
     * Non-resource URLs are always allowed ({@link FakeCluster#forbidPath} answers only the request itself).
     */
    private MockResponse selfSubjectAccessReview(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type != null && type.startsWith("application/vnd.kubernetes.protobuf")) {
            // kubectl auth can-i sends protobuf, which the fake cannot read; Fabric8 (smokegate) sends JSON.
            return status(415, "UnsupportedMediaType", "the fake cluster reads JSON request bodies only, not protobuf "
                    + "(kubectl auth can-i sends protobuf; Fabric8 clients send JSON)", null);
        }
        ObjectNode review;
        try {
            review = (ObjectNode) JSON.readTree(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            return status(400, "BadRequest", "the body is not a SelfSubjectAccessReview: " + e.getMessage(), null);
        }
        JsonNode attributes = review.path("spec").path("resourceAttributes");
        if (!attributes.isObject() && !review.path("spec").path("nonResourceAttributes").isObject()) {
            return status(422, "Invalid", "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: "
                    + "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified", null);
        }
        String verb = attributes.path("verb").asText();
        String group = attributes.path("group").asText();
        String resource = attributes.path("resource").asText();
        String namespace = attributes.path("namespace").asText();
        Forbidden rule = attributes.isObject() ? forbidden.stream()
                .filter(f -> f.covers(verb, group, resource, namespace)).findFirst().orElse(null) : null;
        review.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
        review.putObject("metadata").putNull("creationTimestamp");
        ObjectNode status = review.putObject("status").put("allowed", rule == null);
        if (rule != null) {
            status.put("reason", rule.denial(!namespace.isEmpty()));
        }
        return json(201, review.toString());
    }

    /**
     * A server-side dry run ({@code ?dryRun=All}): a create is checked as the CRUD mock checks it (the type is
     * served, a name, the namespace of the URL, not already there) and answered with the object as it would be
     * stored; a delete answers with the object as it would be marked. Nothing is stored, so no watch sees it.
     * Injected faults still apply (they are matched before this), as admission webhooks see dry runs too.
     */
    private MockResponse dryRun(RecordedRequest request, String path, String mode) {
        if (!"All".equals(mode)) {
            return status(400, "BadRequest", "Unsupported value: \"" + mode + "\": supported values: \"All\"", null);
        }
        String method = request.getMethod();
        Matcher target = COLLECTION.matcher(path);
        if (!target.matches() || !(method.equals("POST") || method.equals("DELETE"))) {
            return status(405, "MethodNotAllowed", "the fake cluster dry-runs only create (POST) and delete (DELETE); "
                    + method + " " + path + " was not run", null);
        }
        try {
            if (method.equals("DELETE")) {
                MockResponse stored = notFoundStatus(crud.handleGet(path), path);
                if (stored.code() != 200) {
                    return withContentType(stored);
                }
                ObjectNode object = (ObjectNode) JSON.readTree(text(stored));
                if (!object.path("metadata").path("finalizers").isEmpty()) {
                    object.withObjectProperty("metadata").put("deletionTimestamp", now());
                }
                return json(200, object.toString());
            }
            String groupVersion = target.group(1) != null ? "v1" : target.group(2) + "/" + target.group(3);
            ApiResources.ApiResource type = resources.byPlural(groupVersion, target.group(5)).orElse(null);
            if (type == null || target.group(6) != null) {
                return status(404, "NotFound", "the server could not find the requested resource", null);
            }
            ObjectNode object = (ObjectNode) JSON.readTree(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
            ObjectNode metadata = object.withObjectProperty("metadata");
            String name = metadata.path("name").asText("");
            if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
                name = metadata.path("generateName").asText() + Long.toString(System.nanoTime() % 100_000, 36);
            }
            if (name.isEmpty()) {
                return status(422, "Invalid", type.kind() + " \"\" is invalid: metadata.name: Required value: name or "
                        + "generateName is required", null);
            }
            String namespace = target.group(4);
            if (namespace != null && !metadata.path("namespace").asText(namespace).equals(namespace)) {
                return status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request", null);
            }
            if (crud.handleGet(path + "/" + name).code() == 200) {
                String qualified = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
                return status(409, "AlreadyExists", qualified + " \"" + name + "\" already exists",
                        JSON.createObjectNode().put("name", name).put("group", type.group()).put("kind", type.plural()));
            }
            metadata.put("name", name);
            if (namespace != null) {
                metadata.put("namespace", namespace);
            }
            metadata.put("uid", java.util.UUID.randomUUID().toString()).put("creationTimestamp", now()).put("generation", 1);
            if (crud.isStatusSubresourceEnabledForResource(path)) {
                object.remove("status");
            }
            return json(201, object.toString());
        } catch (IOException | ClassCastException e) {
            return status(400, "BadRequest", "the body is not a JSON object: " + e.getMessage(), null);
        }
    }

    private static String now() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Keeps discovery in step with the custom resource definitions stored. */
    private void crdChanged(String method, String path, MockResponse response) {
        try {
            if (method.equals("DELETE")) {
                resources.removeCrd(path.substring(CRDS.length() + 1));
                String body = text(response);
                if (!body.isBlank() && JSON.readTree(body).path("metadata").has("deletionTimestamp")) {
                    resources.addCrd(JSON.readTree(body));
                }
            } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                JsonNode crd = JSON.readTree(text(response));
                resources.removeCrd(crd.path("metadata").path("name").asText());
                resources.addCrd(crd);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable CRD answer from the CRUD mock", e);
        }
    }

    private String discovery(String path) {
        if (path.equals("/")) {
            return "{\"paths\":[\"/api\",\"/api/v1\",\"/apis\",\"/version\"]}";
        }
        if (path.equals("/version")) {
            return version;
        }
        if (path.equals("/api")) {
            return resources.apiVersions(serverAddress);
        }
        if (path.equals("/apis")) {
            return resources.apiGroupList();
        }
        if (path.equals("/api/v1")) {
            return resources.resourceList("v1");
        }
        Matcher m = GROUP_VERSION.matcher(path);
        if (m.matches() && resources.servesGroupVersion(m.group(1) + "/" + m.group(2))) {
            return resources.resourceList(m.group(1) + "/" + m.group(2));
        }
        return null;
    }

    /**
     * {@code /readyz} as k8s.io/apiserver's healthz handler writes it: one {@code [+]name ok} or
     * {@code [-]name failed: reason withheld} line per check and {@code readyz check passed}, or on a failure every
     * line (verbose or not) and {@code readyz check failed} with status 500; a plain {@code ok} when all pass and
     * verbose was not asked for.
     */
    private MockResponse readyz(boolean verbose) {
        Set<String> failing = failingReadyz;
        StringBuilder lines = new StringBuilder();
        for (String check : READYZ_CHECKS) {
            lines.append(failing.contains(check) ? "[-]" + check + " failed: reason withheld\n" : "[+]" + check + " ok\n");
        }
        MockResponse response = new MockResponse().setHeader("Content-Type", "text/plain; charset=utf-8")
                .setHeader("X-Content-Type-Options", "nosniff");
        if (!failing.isEmpty()) {
            return response.setResponseCode(500).setBody(lines + "readyz check failed\n");
        }
        return response.setResponseCode(200).setBody(verbose ? lines + "readyz check passed\n" : "ok");
    }

    /** A GET of one object or of a list: lists are filtered, ordered and paginated here, not by the CRUD mock. */
    private MockResponse get(String path, Map<String, String> query) {
        LabelSelector selector;
        long limit;
        try {
            selector = LabelSelector.parse(query.getOrDefault("labelSelector", ""));
            limit = Long.parseLong(query.getOrDefault("limit", "0"));
        } catch (IllegalArgumentException e) {
            return status(400, "BadRequest", e.getMessage(), null);
        }
        Map<String, String> rest = new LinkedHashMap<>(query);
        rest.remove("labelSelector");
        rest.remove("limit");
        String token = rest.remove("continue");
        MockResponse base = notFoundStatus(crud.handleGet(path + encode(rest)), path);
        Matcher collection = COLLECTION.matcher(path);
        try {
            JsonNode body = text(base).isEmpty() ? null : JSON.readTree(text(base));
            if (base.code() != 200 || body == null || !body.path("items").isArray()) {
                return withContentType(base);
            }
            return json(200, page((ObjectNode) body, collection, selector, limit, token).toString());
        } catch (IllegalArgumentException e) {
            return status(400, "BadRequest", e.getMessage(), null);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable list answer from the CRUD mock", e);
        }
    }

    /** The CRUD mock answers 404 with no body; clients (kubectl) print the API server's Status message. */
    private static MockResponse notFoundStatus(MockResponse response, String path) {
        if (response.code() != 404 || response.getBody() != null && response.getBody().size() > 0) {
            return response;
        }
        Matcher object = COLLECTION.matcher(path);
        if (object.matches() && object.group(6) != null) {
            return status(404, "NotFound", object.group(5) + " \"" + object.group(6) + "\" not found",
                    JSON.createObjectNode().put("name", object.group(6)).put("kind", object.group(5)));
        }
        return status(404, "NotFound", "the server could not find the requested resource", null);
    }

    private ObjectNode page(ObjectNode list, Matcher collection, LabelSelector selector, long limit, String token) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            Map<String, String> labels = new LinkedHashMap<>();
            item.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            if (selector.matches(labels)) {
                items.add(item);
            }
        }
        // The API server lists in key order (namespace, then name) and continues after the last key it sent.
        items.sort(Comparator.comparing(FakeClusterDispatcher::key));
        if (token != null) {
            String after = decodeToken(token);
            items.removeIf(item -> key(item).compareTo(after) <= 0);
        }
        int size = limit > 0 && limit < items.size() ? (int) limit : items.size();
        int remaining = items.size() - size;
        ArrayNode pageItems = JSON.createArrayNode();
        items.subList(0, size).forEach(pageItems::add);
        list.set("items", pageItems);
        ObjectNode meta = list.withObjectProperty("metadata");
        meta.remove("selfLink");
        if (remaining > 0) {
            meta.put("continue", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.createObjectNode().put("start", key(items.get(size - 1))).toString()
                            .getBytes(StandardCharsets.UTF_8)));
            meta.put("remainingItemCount", remaining);
        } else {
            meta.remove("continue");
            meta.remove("remainingItemCount");
        }
        if (collection.matches()) {
            String groupVersion = collection.group(1) != null ? "v1" : collection.group(2) + "/" + collection.group(3);
            resources.byPlural(groupVersion, collection.group(5)).ifPresent(r -> {
                list.put("apiVersion", r.groupVersion());
                list.put("kind", r.kind() + "List");
            });
        }
        return list;
    }

    private static String decodeToken(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token)).path("start").asText();
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("continue key is not valid: " + token);
        }
    }

    private static String key(JsonNode item) {
        JsonNode meta = item.path("metadata");
        return meta.path("namespace").asText("") + "/" + meta.path("name").asText("");
    }

    /** The body as text, without consuming it (Buffer's read methods empty the buffer). */
    static String text(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    static MockResponse status(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return json(code, status.toString());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse withContentType(MockResponse response) {
        if (response.getBody() != null && response.getBody().size() > 0 && response.getHeaders().get("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encode(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.isEmpty() ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }
}
