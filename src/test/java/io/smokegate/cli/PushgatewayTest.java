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

    /** Runs {@code smokegate run} on a one-check checklist named {@code name} with {@code flags}, pushing to a real gateway. */
    record Pushed(CliRun run, String metrics) {
    }

    Pushed runAndPush(String name, String... flags) throws Exception {
        return runAndPushTo("", name, flags);
    }

    /** As above, with {@code path} after the gateway's address in {@code --push-gateway}. */
    Pushed runAndPushTo(String path, String name, String... flags) throws Exception {
        Path binary = ExternalTool.require("prometheus-pushgateway", "prometheus-pushgateway");
        int port = Ports.free();
        try (TargetServer target = new TargetServer();
             ManagedProcess gateway = ManagedProcess.start(dir, List.of(binary.toString(),
                     "--web.listen-address=127.0.0.1:" + port))) {
            gateway.awaitHttp("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(20));
            Path checklist = Files.writeString(dir.resolve("c.yaml"), """
                    apiVersion: smokegate.io/v1
                    kind: Checklist
                    metadata: {name: %s}
                    spec:
                      checks:
                        - {id: home, type: http, with: {url: "%s"}}
                    """.formatted(name, target.url("/ok")));
            List<String> args = new java.util.ArrayList<>(List.of("run", checklist.toString(), "-q",
                    "--push-gateway", "http://127.0.0.1:" + port + path));
            args.addAll(List.of(flags));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return new Pushed(run, metrics);
        }
    }

    @Test
    void aCliRunPushesItsSeriesGroupedByChecklist() throws Exception {
        Pushed pushed = runAndPush("pushed", "--no-store");
        assertEquals(ExitCode.PASSED, pushed.run().exitCode(), pushed.run().err());
        assertTrue(pushed.metrics().contains(
                "smokegate_check_success{check=\"home\",checklist=\"pushed\",instance=\"\",job=\"smokegate\",type=\"http\"} 1"),
                pushed.metrics());
        assertTrue(pushed.metrics().contains("push_time_seconds{checklist=\"pushed\",instance=\"\",job=\"smokegate\"}"),
                pushed.metrics());
    }

    @Test
    void aCliRunWhoseDatabaseCannotBeOpenedIsStillPushed() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
        Pushed pushed = runAndPush("unstored", "--data-dir", notADirectory.toString());
        assertEquals(ExitCode.INVALID, pushed.run().exitCode(), pushed.run().err());
        assertTrue(pushed.run().err().contains("(the run was not stored)"), pushed.run().err());
        assertTrue(pushed.metrics().contains(
                "smokegate_check_success{check=\"home\",checklist=\"unstored\",instance=\"\",job=\"smokegate\",type=\"http\"} 1"),
                pushed.metrics());
    }

    @Test
    void aPushTheGatewayRefusesFailsTheRunWithItsAnswer() throws Exception {
        Pushed pushed = runAndPushTo("/not-the-gateway", "refused", "--no-store");
        assertEquals(ExitCode.UNREACHABLE, pushed.run().exitCode(), pushed.run().err());
        assertTrue(pushed.run().err().contains("error: cannot push metrics to http://127.0.0.1:"), pushed.run().err());
        assertTrue(pushed.run().err().contains("/not-the-gateway: the Pushgateway answered HTTP 404"), pushed.run().err());
        assertTrue(!pushed.metrics().contains("checklist=\"refused\""), pushed.metrics());
    }
}
