package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.ExternalTool;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CLI run pushes its series to a real Prometheus Pushgateway. */
class PushgatewayTest {

    @TempDir
    Path dir;

    @Test
    void aCliRunPushesItsSeriesGroupedByChecklist() throws Exception {
        Path binary = ExternalTool.require("prometheus-pushgateway", "prometheus-pushgateway");
        int port = Ports.free();
        try (TargetServer target = new TargetServer();
             ManagedProcess gateway = ManagedProcess.start(dir, List.of(binary.toString(),
                     "--web.listen-address=127.0.0.1:" + port))) {
            gateway.awaitHttp("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(20));
            Path checklist = Files.writeString(dir.resolve("c.yaml"), """
                    apiVersion: smokegate.io/v1
                    kind: Checklist
                    metadata: {name: pushed}
                    spec:
                      checks:
                        - {id: home, type: http, with: {url: "%s"}}
                    """.formatted(target.url("/ok")));
            CliRun run = CliRun.of("run", checklist.toString(), "--no-store", "-q",
                    "--push-gateway", "http://127.0.0.1:" + port);
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains(
                    "smokegate_check_success{check=\"home\",checklist=\"pushed\",instance=\"\",job=\"smokegate\",type=\"http\"} 1"),
                    metrics);
            assertTrue(metrics.contains("push_time_seconds{checklist=\"pushed\",instance=\"\",job=\"smokegate\"}"), metrics);
        }
    }
}
