package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.Main;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.ManagedProcess;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code serve} process killed with SIGKILL: every run it accepted is still answered after a restart. */
class KilledServeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ManagedProcess serve(Path workDir, int port) throws Exception {
        Files.createDirectories(workDir);
        Path config = Files.writeString(root.resolve("smokegate.yaml"), """
                checklists: %s
                dataDir: %s
                api: {tokenFile: %s}
                runs: {maxConcurrent: 2, queueCapacity: 8}
                """.formatted(root.resolve("checklists"), root.resolve("data"),
                Files.writeString(root.resolve("token"), TOKEN)));
        return ManagedProcess.startReady(workDir, ChildJvm.command(List.of(), Main.class, "serve", "--config", config.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port)), "http://127.0.0.1:" + port + "/readyz",
                Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRunAcceptedBeforeKillNineIsAnsweredAbortedAfterARestart() throws Exception {
        int port = Ports.free();
        List<String> accepted = new ArrayList<>();
        try (TargetServer target = new TargetServer()) {
            Files.createDirectories(root.resolve("checklists"));
            Files.writeString(root.resolve("checklists/slow.yaml"), HttpChecklists.of("slow", target.url("/sleep/20000"), "30s"));
            ManagedProcess first = serve(root.resolve("first"), port);
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/checklists/slow/runs")).POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(202, r.statusCode(), r.body());
                accepted.add(JSON.readTree(r.body()).get("runId").asText());
            }
            Thread.sleep(500);

            first.kill();

            try (ManagedProcess second = serve(root.resolve("second"), port)) {
                for (String runId : accepted) {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/runs/" + runId)).GET());
                    assertEquals(200, r.statusCode(), runId + ": " + r.body());
                    JsonNode run = JSON.readTree(r.body());
                    assertEquals("aborted", run.get("status").asText(), r.body());
                    String message = run.get("checks").get(0).get("message").asText();
                    assertTrue(message.matches("the smokegate process \\d+ on .+ stopped before the run (started|finished); "
                            + "recorded as aborted by the smokegate process \\d+ on .+"), message);
                }
            }
        }
    }
}
