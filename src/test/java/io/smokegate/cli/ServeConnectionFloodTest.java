package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.Main;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.ExternalTool;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.ManagedProcess;
import io.smokegate.testing.Ports;
import io.smokegate.testing.RawHttpConnection;
import io.smokegate.testing.RawHttpConnection.Response;
import io.smokegate.testing.TargetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code smokegate serve} flooded with idle connections: more than its open-file limit allows, as the
 * 20,000 connections that once left {@code /healthz}, runs and the scheduler with "Too many open files".
 */
class ServeConnectionFloodTest {

    private static final String TOKEN = "flood-test-token-0123456789";
    private static final int FLOOD = 10_000;
    /** Below the flood, so that only the connection cap stands between the flood and "Too many open files". */
    private static final int OPEN_FILE_LIMIT = 4096;
    private static final int PROBES = 20;
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void healthzAndRunsKeepAnsweringThroughAFloodOfTenThousandIdleConnections() throws Exception {
        try (TargetServer target = new TargetServer()) {
            Path checklists = Files.createDirectories(dir.resolve("checklists"));
            Files.writeString(checklists.resolve("ok.yaml"), HttpChecklists.of("ok", target.url("/ok"), "5s"));
            Files.writeString(dir.resolve("token"), TOKEN);
            int port = Ports.free();
            Path config = Files.writeString(dir.resolve("smokegate.yaml"), """
                    server: {host: 127.0.0.1, port: %d}
                    checklists: checklists
                    dataDir: data
                    api: {tokenFile: token}
                    """.formatted(port));
            List<String> limited = List.of(ExternalTool.require("prlimit", "util-linux").toString(),
                    "--nofile=" + OPEN_FILE_LIMIT + ":" + OPEN_FILE_LIMIT, "--");
            List<Socket> flood = new ArrayList<>(FLOOD);
            try (ManagedProcess serve = ManagedProcess.startReady(dir,
                    ChildJvm.command(limited, Main.class, "serve", "--config", config.toString()),
                    "http://127.0.0.1:" + port + "/healthz", Duration.ofSeconds(30))) {
                for (int i = 1; i <= FLOOD; i++) {
                    flood.add(idleConnection(port));
                    if (i % (FLOOD / PROBES) == 0) {
                        assertEquals(200, answer(serve, port, "GET /healthz", "with " + i + " idle connections open").status());
                    }
                }

                Response started = answer(serve, port, "POST /api/v1/checklists/ok/runs", "with the whole flood open");
                assertEquals(202, started.status(), started.body());
                String runId = new ObjectMapper().readTree(started.body()).get("runId").asText();
                assertEquals("passed", awaitFinished(serve, port, runId).get("status").asText());
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    private static Socket idleConnection(int port) throws IOException {
        Socket s = new Socket();
        s.setSoLinger(true, 0);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return s;
    }

    /** One request on a connection of its own, as a load balancer's health check makes it. */
    private static Response answer(ManagedProcess serve, int port, String request, String when) throws IOException {
        try (RawHttpConnection c = new RawHttpConnection(port)) {
            return c.exchange(request + " HTTP/1.1\r\nHost: smokegate\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ANSWER);
        } catch (IOException e) {
            throw new AssertionError(request + " got no answer " + when + ": " + e + "\nserve's log:\n" + tail(serve.log()), e);
        }
    }

    private static JsonNode awaitFinished(ManagedProcess serve, int port, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = new ObjectMapper().readTree(answer(serve, port, "GET /api/v1/runs/" + runId, "while the run ran").body());
            String status = run.path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not finish within 20 s\nserve's log:\n" + tail(serve.log()));
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : "…" + log.substring(log.length() - 4000);
    }
}
