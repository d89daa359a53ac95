package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.config.AppConfig;
import io.smokegate.config.ConnectionLimits;
import io.smokegate.store.StoreException;
import io.smokegate.testing.HttpChecklists;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** A running {@link ServerApp} on a free port and a small HTTP client for it. */
final class ApiTestSupport implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path checklists;
    final Path dataDir;
    final ServerApp app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean closed;

    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace) throws IOException, StoreException {
        this(root, token, maxConcurrent, queueCapacity, grace, null);
    }

    /** A service whose gates ask {@code prometheusUrl} (null: none configured). */
    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace, String prometheusUrl)
            throws IOException, StoreException {
        this(root, token, maxConcurrent, queueCapacity, grace, prometheusUrl, ConnectionLimits.defaults(), Map.of());
    }

    /** A service with the connection timeouts and cap given. */
    ApiTestSupport(Path root, int maxConcurrent, ConnectionLimits limits) throws IOException, StoreException {
        this(root, TOKEN, maxConcurrent, 16, Duration.ofSeconds(1), null, limits, Map.of());
    }

    /** A service whose checklists see {@code env} as their environment ({@code ${env:NAME}}). */
    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace, String prometheusUrl,
                   Map<String, String> env) throws IOException, StoreException {
        this(root, token, maxConcurrent, queueCapacity, grace, prometheusUrl, ConnectionLimits.defaults(), env);
    }

    private ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace, String prometheusUrl,
                           ConnectionLimits limits, Map<String, String> env) throws IOException, StoreException {
        this.checklists = Files.createDirectories(root.resolve("checklists"));
        this.dataDir = root.resolve("data");
        AppConfig config = new AppConfig("127.0.0.1", 0, checklists, dataDir, null, null, null, token,
                maxConcurrent, queueCapacity, grace, 16 * 1024, limits, prometheusUrl);
        this.app = ServerApp.start(config, env::get, "test");
    }

    void checklist(String file, String yaml) throws IOException {
        Files.writeString(checklists.resolve(file), yaml);
    }

    /** A checklist named {@code name} with one http check of {@code url}. */
    static String httpChecklist(String name, String url, String timeout) {
        return HttpChecklists.of(name, url, timeout);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token));
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token));
    }

    HttpResponse<String> put(String path, String token, String body) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token));
    }

    HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).DELETE(), token));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Polls a run until it is no longer queued or running. */
    JsonNode awaitFinished(String runId) throws Exception {
        return await(runId, "finish", status -> !status.equals("queued") && !status.equals("running"));
    }

    /** Polls a run until its status is {@code status}. */
    JsonNode awaitStatus(String runId, String status) throws Exception {
        return await(runId, "be " + status, status::equals);
    }

    private JsonNode await(String runId, String what, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = json(get("/api/v1/runs/" + runId));
            if (done.test(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + runId + " did not " + what + " within 20 s");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            app.close();
        }
    }
}
