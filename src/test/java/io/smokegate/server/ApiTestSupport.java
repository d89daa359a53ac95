package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AppConfig;
import io.smokegate.config.ConnectionLimits;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeSettings;
import io.smokegate.store.StoreException;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.PostgresCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A running {@link ServerApp} on a free port and a small HTTP client for it. Given one token, the service has it
 * as the simple setup's token (every scope) and {@link #READ_TOKEN} with scope read, which {@link #get} sends.
 */
final class ApiTestSupport implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    static final String READ_TOKEN = "test-read-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path checklists;
    final Path dataDir;
    final ServerApp app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** What {@link #get(String)} sends: the read token when there is one. */
    private final String reader;
    private boolean closed;

    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace) throws IOException, StoreException {
        this(root, token, maxConcurrent, queueCapacity, grace, null);
    }

    /** A service whose gates ask {@code prometheusUrl} (null: none configured). */
    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace, String prometheusUrl)
            throws IOException, StoreException {
        this(root, token, maxConcurrent, queueCapacity, grace, prometheusUrl, Map.of());
    }

    /** A service whose checklists see {@code env} as their environment ({@code ${env:NAME}}). */
    ApiTestSupport(Path root, String token, int maxConcurrent, int queueCapacity, Duration grace, String prometheusUrl,
                   Map<String, String> env) throws IOException, StoreException {
        this(root, tokens(token), null, maxConcurrent, queueCapacity, grace, prometheusUrl, token == null ? null : READ_TOKEN,
                ConnectionLimits.defaults(), env, TechDebtSettings.defaults(),
                UnaryOperator.identity());
    }

    /** A service that scans for tech debt as {@code techdebt} says, with {@link #TOKEN} and {@link #READ_TOKEN}. */
    ApiTestSupport(Path root, TechDebtSettings techdebt) throws IOException, StoreException {
        this(root, tokens(TOKEN), null, 1, 1, Duration.ofSeconds(2), null, READ_TOKEN, ConnectionLimits.defaults(), Map.of(),
                techdebt, UnaryOperator.identity());
    }

    /** A service whose config {@code adapt} changes (chaos, Kubernetes), with {@link #TOKEN} and {@link #READ_TOKEN}. */
    ApiTestSupport(Path root, UnaryOperator<AppConfig> adapt) throws IOException, StoreException {
        this(root, tokens(TOKEN), null, 1, 4, Duration.ofSeconds(2), null, READ_TOKEN, ConnectionLimits.defaults(), Map.of(),
                TechDebtSettings.defaults(), adapt);
    }

    /** A service with the connection timeouts and cap given. */
    ApiTestSupport(Path root, int maxConcurrent, ConnectionLimits limits) throws IOException, StoreException {
        this(root, tokens(TOKEN), null, maxConcurrent, 16, Duration.ofSeconds(1), null, READ_TOKEN, limits, Map.of(),
                TechDebtSettings.defaults(), UnaryOperator.identity());
    }

    /** A service with these tokens, on SQLite, one run at a time; {@link #get(String)} sends no token. */
    ApiTestSupport(Path root, AuthConfig auth) throws IOException, StoreException {
        this(root, auth, null);
    }

    /** As {@link #ApiTestSupport(Path, AuthConfig)}, on PostgreSQL when {@code databaseUrl} is not null. */
    ApiTestSupport(Path root, AuthConfig auth, String databaseUrl) throws IOException, StoreException {
        this(root, auth, databaseUrl, 1, 1, Duration.ofSeconds(2), null, null, ConnectionLimits.defaults(), Map.of(),
                TechDebtSettings.defaults(), UnaryOperator.identity());
    }

    private ApiTestSupport(Path root, AuthConfig auth, String databaseUrl, int maxConcurrent, int queueCapacity,
                           Duration grace, String prometheusUrl, String reader, ConnectionLimits limits,
                           Map<String, String> env, TechDebtSettings techdebt, UnaryOperator<AppConfig> adapt)
            throws IOException, StoreException {
        this.checklists = Files.createDirectories(root.resolve("checklists"));
        this.dataDir = root.resolve("data");
        this.reader = reader;
        AppConfig config = new AppConfig("127.0.0.1", 0, checklists, dataDir, databaseUrl,
                databaseUrl == null ? null : PostgresCluster.USER, null, auth, maxConcurrent, queueCapacity, grace,
                16 * 1024, limits, prometheusUrl, KubeSettings.defaults(), techdebt);
        this.app = ServerApp.start(adapt.apply(config), env::get, "test");
    }

    /** {@code token} with every scope and {@link #READ_TOKEN} with scope read; no tokens for null. */
    private static AuthConfig tokens(String token) {
        return token == null ? AuthConfig.NONE : new AuthConfig(List.of(ApiToken.withEveryScope(token),
                new ApiToken("reader", Set.of(Scope.READ), READ_TOKEN)), false);
    }

    void checklist(String file, String yaml) throws IOException {
        Files.writeString(checklists.resolve(file), yaml);
    }

    /** A checklist named {@code name} with one http check of {@code url}. */
    static String httpChecklist(String name, String url, String timeout) {
        return HttpChecklists.of(name, url, timeout);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, reader);
    }

    /** A GET with this bearer token; none when null. */
    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).GET(), token));
    }

    /** Any method, no body. */
    HttpResponse<String> request(String method, String path, String token) throws IOException, InterruptedException {
        return send(auth(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()), token));
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

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
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
