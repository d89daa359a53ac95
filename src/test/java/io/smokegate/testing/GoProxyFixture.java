package io.smokegate.testing;

import com.sun.net.httpserver.HttpExchange;
import io.smokegate.gomod.DirHash;
import io.smokegate.gomod.ModulePaths;
import io.smokegate.gomod.ModuleZipWriter;
import io.smokegate.gomod.Semver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Go module proxy made by the tests: modules added as files become {@code list}, {@code .info},
 * {@code .mod}, {@code .zip} and {@code @latest} answers; any path can be overridden to misbehave, and a
 * {@link SumdbServer} can be proxied under {@code /sumdb/<name>/}.
 */
public final class GoProxyFixture implements AutoCloseable {

    /**
     * One answer; {@code dripMillis} > 0 sends the body one byte at a time with that pause; {@code generated}
     * > 0 sends that many zero bytes instead of {@code body}, streamed, for answers too large to hold.
     */
    public record Answer(int status, String contentType, byte[] body, long dripMillis, long generated) {
        public Answer(int status, String contentType, byte[] body, long dripMillis) {
            this(status, contentType, body, dripMillis, 0);
        }

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    /** The hashes the go command records for a module version. */
    public record Hashes(String h1, String goModH1) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TestServers.Http http;
    private volatile SumdbServer sumdb;

    public GoProxyFixture() {
        this.http = TestServers.http().route("/", this::serve);
    }

    public String url() {
        return http.url("").replaceAll("/$", "");
    }

    /** Adds {@code module@version} with these files (relative to the module root); returns its go.sum hashes. */
    public Hashes add(String module, String version, Map<String, String> files) throws Exception {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
        byte[] goMod = bytes.getOrDefault("go.mod", ("module " + module + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModuleZipWriter.write(bytes, module, version, zip);
        String base = ModulePaths.escapePath(module) + "/@v/";
        String v = ModulePaths.escapeVersion(version);
        put(base + v + ".info", 200, "application/json", "{\"Version\":\"" + version + "\",\"Time\":\"" + Instant.parse("2024-05-01T10:00:00Z") + "\"}");
        answers.put(base + v + ".mod", new Answer(200, "text/plain; charset=utf-8", goMod, 0));
        answers.put(base + v + ".zip", new Answer(200, "application/zip", zip.toByteArray(), 0));
        List<String> list = versions.computeIfAbsent(module, m -> new java.util.concurrent.CopyOnWriteArrayList<>());
        list.add(version);
        List<String> sorted = new ArrayList<>(list);
        sorted.sort(Semver::compare);
        put(base + "list", 200, "text/plain; charset=utf-8", String.join("\n", sorted) + "\n");
        String latest = sorted.get(sorted.size() - 1);
        put(ModulePaths.escapePath(module) + "/@latest", 200, "application/json",
                "{\"Version\":\"" + latest + "\",\"Time\":\"2024-05-01T10:00:00Z\"}");
        return new Hashes(hash(zip.toByteArray(), module, version), DirHash.goModHash(goMod));
    }

    /** Overrides (or adds) the answer for a path relative to the proxy root, e.g. {@code example.com/m/@v/list}. */
    public void put(String path, int status, String contentType, String body) {
        answers.put(path, Answer.of(status, contentType, body));
    }

    public void put(String path, Answer answer) {
        answers.put(path, answer);
    }

    public byte[] body(String path) {
        return answers.get(path).body();
    }

    public void remove(String path) {
        answers.remove(path);
    }

    /** Serves {@code server} under {@code /sumdb/<name>/}, answering {@code supported} with 200. */
    public void proxySumdb(SumdbServer server) {
        this.sumdb = server;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(1);
        requests.add(path);
        SumdbServer db = sumdb;
        if (db != null && path.startsWith("sumdb/" + db.name() + "/")) {
            String rest = path.substring(("sumdb/" + db.name() + "/").length());
            SumdbServer.Answer a = rest.equals("supported") ? new SumdbServer.Answer(200, "text/plain", new byte[0]) : db.answer(rest);
            SumdbServer.send(exchange, a);
            return;
        }
        Answer answer = answers.getOrDefault(path, Answer.of(404, "text/plain; charset=utf-8", "not found: " + path));
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.status() / 100 == 3) {
            // A redirect's body names its target.
            exchange.getResponseHeaders().add("Location", new String(answer.body(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
            return;
        }
        if (answer.generated() > 0) {
            exchange.sendResponseHeaders(answer.status(), answer.generated());
            byte[] chunk = new byte[1 << 16];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = answer.generated(); left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            } catch (IOException clientGone) {
                exchange.close();
            }
            return;
        }
        if (answer.dripMillis() > 0) {
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : answer.body()) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(answer.dripMillis());
                }
            } catch (InterruptedException | IOException stopped) {
                exchange.close();
            }
            return;
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            } catch (IOException clientGone) {
                exchange.close();
            }
        }
        exchange.close();
    }

    private static String hash(byte[] zip, String module, String version) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("fixture-", ".zip");
        try {
            java.nio.file.Files.write(file, zip);
            return io.smokegate.gomod.ModuleZip.verify(file, module, version).h1();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
