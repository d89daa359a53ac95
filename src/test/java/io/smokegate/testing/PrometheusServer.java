package io.smokegate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A real Prometheus (Debian {@code prometheus}) on a free loopback port, configured by the test. */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManagedProcess process;
    private final String url;
    private final HttpClient client = HttpClient.newHttpClient();

    private PrometheusServer(ManagedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts Prometheus with {@code config} as its prometheus.yml (rule file paths relative to {@code dir}). */
    public static PrometheusServer start(Path dir, String config) throws IOException, InterruptedException {
        Path binary = ExternalTool.require("prometheus", "prometheus");
        Files.createDirectories(dir);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = Ports.free();
        String url = "http://127.0.0.1:" + port;
        return new PrometheusServer(ManagedProcess.startReady(dir, List.of(binary.toString(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port),
                url + "/-/ready", Duration.ofSeconds(30)), url);
    }

    public String url() {
        return url;
    }

    /** The {@code data.result} of an instant query. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed: " + r.body());
        }
        return body.path("data").path("result");
    }

    /** Polls a query until its result satisfies {@code done}; fails with the last result and the log. */
    public JsonNode await(String promql, Predicate<JsonNode> done, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = query(promql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no satisfying result for " + promql + " within " + timeout + "; last: " + last
                + "\n" + process.log());
    }

    /** The value of a query that has exactly one series, once it has. */
    public String awaitSingleValue(String promql, Duration timeout) throws IOException, InterruptedException {
        return await(promql, r -> r.size() == 1, timeout).get(0).get("value").get(1).asText();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
