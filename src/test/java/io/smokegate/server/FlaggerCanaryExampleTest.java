package io.smokegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smokegate.input.Durations;
import io.smokegate.testing.ExternalTool;
import io.smokegate.testing.TargetServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/examples/flagger-canary.yaml as shipped: its smokegate webhooks, called the way Flagger calls them (Go's HTTP
 * client with the URL as written, userinfo and all; resources/flagger/webhook-client.go), against a real server. Only
 * the host and the token placeholder are replaced: the cluster's Service name does not resolve here.
 */
class FlaggerCanaryExampleTest {

    private static final Path EXAMPLE = Path.of("deploy/examples/flagger-canary.yaml");
    private static final String PLACEHOLDER = "REPLACE-WITH-THE-FLAGGER-TOKEN";

    /** Built once: go build takes seconds on a busy machine. */
    @TempDir
    static Path goDir;
    static Path client;

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;

    @BeforeAll
    static void build() throws Exception {
        client = buildClient(goDir);
    }

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root, FlaggerHookTest.TOKENS);
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    private static JsonNode canary() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(EXAMPLE.toFile());
    }

    /** The example's webhooks that call smokegate. */
    private static List<JsonNode> smokegateWebhooks(JsonNode canary) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode webhook : canary.at("/spec/analysis/webhooks")) {
            if (URI.create(webhook.get("url").asText()).getPath().equals(FlaggerHookTest.HOOK)) {
                out.add(webhook);
            }
        }
        return out;
    }

    private static Path buildClient(Path dir) throws Exception {
        Path go = ExternalTool.require("go", "golang-go");
        Files.createDirectories(dir);
        Path source = dir.resolve("webhook-client.go");
        Files.writeString(source, FlaggerHookTest.fixture("webhook-client.go"));
        Path binary = dir.resolve("webhook-client");
        ProcessBuilder pb = new ProcessBuilder(go.toString(), "build", "-o", binary.toString(), source.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GOPATH", dir.resolve("gopath").toString());
        pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOFLAGS", "");
        pb.environment().put("CGO_ENABLED", "0");
        String out = run(pb, Duration.ofSeconds(120));
        assertTrue(Files.isExecutable(binary), "go build failed: " + out);
        return binary;
    }

    private static String run(ProcessBuilder pb, Duration timeout) throws Exception {
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " did not finish within " + timeout);
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** What Flagger makes of the webhook during the canary's analysis: "advance STATUS" or "halt STATUS BODY". */
    private String call(JsonNode canary, JsonNode webhook) throws Exception {
        URI url = URI.create(webhook.get("url").asText());
        String local = "http://" + url.getRawUserInfo().replace(PLACEHOLDER, FlaggerHookTest.FLAGGER) + "@127.0.0.1:"
                + api.app.port() + url.getRawPath();
        ProcessBuilder pb = new ProcessBuilder(client.toString(), local, webhook.get("timeout").asText(),
                canary.at("/metadata/name").asText(), canary.at("/metadata/namespace").asText(), "Progressing",
                "85d557f47b", new ObjectMapper().writeValueAsString(webhook.get("metadata"))).redirectErrorStream(true);
        return run(pb, Duration.ofSeconds(120));
    }

    @Test
    void theExampleGatesBeforeTrafficMovesAndAtEveryStepWithinTheInterval() throws Exception {
        JsonNode canary = canary();
        assertEquals("flagger.app/v1beta1", canary.get("apiVersion").asText());
        assertEquals("Canary", canary.get("kind").asText());
        List<JsonNode> webhooks = smokegateWebhooks(canary);
        assertEquals(List.of("pre-rollout", "rollout"), webhooks.stream().map(w -> w.get("type").asText()).toList());
        Duration interval = Durations.parse(canary.at("/spec/analysis/interval").asText()).orElseThrow();
        for (JsonNode webhook : webhooks) {
            assertEquals("podinfo-smoke", webhook.at("/metadata/checklist").asText());
            assertEquals("flagger:" + PLACEHOLDER, URI.create(webhook.get("url").asText()).getUserInfo());
            Duration timeout = Durations.parse(webhook.get("timeout").asText()).orElseThrow();
            assertTrue(timeout.compareTo(interval) < 0, webhook.get("name") + ": Flagger wants timeouts below the interval");
        }
    }

    @Test
    void flaggerAdvancesWhenTheExamplesChecklistPasses() throws Exception {
        api.checklist("podinfo-smoke.yaml", GateApiTest.gated("podinfo-smoke", target.url("/ok"), ""));
        JsonNode canary = canary();

        for (JsonNode webhook : smokegateWebhooks(canary)) {
            assertEquals("advance 200", call(canary, webhook), webhook.get("name").asText());
        }
        assertEquals(2, target.requests());
    }

    @Test
    void flaggerHaltsWithSmokegatesReasonWhenTheExamplesChecklistFails() throws Exception {
        api.checklist("podinfo-smoke.yaml", GateApiTest.gated("podinfo-smoke", target.url("/fail"), ""));
        JsonNode canary = canary();

        for (JsonNode webhook : smokegateWebhooks(canary)) {
            String outcome = call(canary, webhook);
            assertTrue(outcome.startsWith("halt 412 {\"error\":\"gate_failed\",\"message\":\"checklist 'podinfo-smoke' for"
                    + " canary test/podinfo failed the gate: key objective 'home-up' failed: 0 misses =1 (verdict"
                    + " /api/v1/gates/"), webhook.get("name").asText() + ": " + outcome);
        }
    }
}
