package io.smokegate.check.sumdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.run.RunControl;
import io.smokegate.run.Runner;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.SumdbServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoSumVerifyCheckTest {

    @TempDir
    Path dir;

    SumdbServer sumdb;
    StringBuilder gosum = new StringBuilder();

    @BeforeEach
    void setUp() {
        sumdb = new SumdbServer("sumdb.smokegate.test");
        for (int i = 0; i < 500; i++) {
            String h1 = "h1:" + String.format("%043d", i) + "=";
            String mod = "h1:" + String.format("%042dM", i) + "=";
            sumdb.add("example.com/dep" + i, "v1.0.0", h1, mod);
            gosum.append("example.com/dep").append(i).append(" v1.0.0 ").append(h1).append('\n');
            gosum.append("example.com/dep").append(i).append(" v1.0.0/go.mod ").append(mod).append('\n');
        }
    }

    @AfterEach
    void tearDown() {
        sumdb.close();
    }

    private CheckResult verify(String content) throws Exception {
        Path file = Files.writeString(dir.resolve("go.sum"), content);
        return ChecklistRun.only(dir.resolve("data"), """
                    - {id: g, type: gosum.verify, timeout: 60s, with: {file: "%s", url: "%s", key: "%s"}}
                """.formatted(file, sumdb.url(), sumdb.verifierKey()));
    }

    @Test
    void aThousandLineGoSumIsVerifiedWithFewTileFetches() throws Exception {
        CheckResult r = verify(gosum.toString());
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertTrue(r.message().startsWith("1000 lines, 500 module versions: 500 records proven, 0 mismatches, 0 missing; "),
                r.message());
        // 500 records at height 8: level-0 tiles 000 (full) and 001.p/244, level-1 tile 000.p/1.
        assertEquals(3L, r.details().get("tilesFetched"), r.message());
    }

    @Test
    void theLookupsOfOneCheckShareTheirConnections() throws Exception {
        CheckResult r = verify(gosum.toString());

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals(1 + 500 + 3, sumdb.requestedPaths().size(), "latest, lookups, tiles");
        assertTrue(sumdb.connections() <= 16, sumdb.connections() + " connections for 16 lookups in flight");
    }

    @Test
    void theLookupThreadsEndWithTheCheck() throws Exception {
        CheckResult r = verify(gosum.toString());

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        List<Thread> lookups = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gosum-lookup-")).toList();
        for (Thread lookup : lookups) {
            // A pool counts as terminated a moment before its last thread has returned.
            lookup.join(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), lookups.stream().filter(Thread::isAlive).map(Thread::getName).toList());
    }

    @Test
    void lookupsComingWithATreeNewerThanLatestAreAcceptedAfterLatest() throws Exception {
        sumdb.misbehave(SumdbServer.Misbehaviour.LATEST_BEHIND);

        CheckResult r = verify(gosum.toString());

        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals(500L, r.details().get("treeSize"));
    }

    @Test
    void aLatestTreeThatFailsItsSignatureFailsTheCheckWithItsOwnMessage() throws Exception {
        sumdb.misbehave(SumdbServer.Misbehaviour.BAD_SIGNATURE);

        CheckResult r = verify(gosum.toString());

        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("latest tree from " + sumdb.url() + ": "), r.message());
        assertTrue(r.message().contains("invalid signature for key sumdb.smokegate.test+"), r.message());
    }

    @Test
    void aDatabaseThatRolledBackIsASecurityFailureThoughLookupsRunBesideLatest() throws Exception {
        assertEquals(CheckStatus.PASSED, verify(gosum.toString()).status());
        sumdb.misbehave(SumdbServer.Misbehaviour.SHRINK);

        CheckResult r = verify(gosum.toString());

        assertEquals(CheckStatus.FAILED, r.status());
        assertEquals(Runner.SECURITY, r.details().get(Runner.SEVERITY));
        assertTrue(r.message().startsWith("SECURITY: the checksum database rolled back: its latest tree has 499 records, "
                + "but a tree of 500 was verified on "), r.message());
    }

    @Test
    void aLineThatDisagreesWithTheDatabaseIsASecurityFailureNamingTheLine() throws Exception {
        String tampered = gosum.toString().replace("example.com/dep7 v1.0.0 h1:", "example.com/dep7 v1.0.0 h1:X");
        CheckResult r = verify(tampered.replace("h1:X" + String.format("%043d", 7), "h1:" + "Y".repeat(43)));
        assertEquals(Runner.SECURITY, r.details().get(Runner.SEVERITY));
        assertTrue(r.message().startsWith("checksum mismatch: " + dir.resolve("go.sum") + ":15: example.com/dep7@v1.0.0 has h1:"),
                r.message());
    }

    @Test
    void aFailedLookupIsCountedBesideAMismatch() throws Exception {
        sumdb.failLookups("example.com/dep9", 500);
        String tampered = gosum.toString().replace("example.com/dep7 v1.0.0 h1:" + String.format("%043d", 7),
                "example.com/dep7 v1.0.0 h1:" + "Y".repeat(43));

        CheckResult r = verify(tampered);

        assertEquals(Runner.SECURITY, r.details().get(Runner.SEVERITY));
        assertTrue(r.message().startsWith("checksum mismatch: " + dir.resolve("go.sum") + ":15: "), r.message());
        assertTrue(r.message().contains("(1000 lines, 500 module versions: 499 records proven, 1 mismatch, 0 missing, "
                + "1 lookup failed; "), r.message());
        assertEquals(1, r.details().get("failedLookups"));
        assertEquals(1, ((List<?>) r.details().get("failures")).size(), r.details().toString());
        assertTrue(((List<?>) r.details().get("failures")).get(0).toString()
                .startsWith("lookup of example.com/dep9@v1.0.0: status 500"), r.details().toString());
    }

    @Test
    void aModuleTheDatabaseDoesNotKnowIsReportedMissing() throws Exception {
        CheckResult r = verify(gosum + "example.com/unknown v0.1.0 h1:" + "Z".repeat(43) + "=\n");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith("sumdb.smokegate.test has no record for example.com/unknown@v0.1.0 ("), r.message());
        assertTrue(r.message().contains("1 missing"), r.message());
    }

    @Test
    void aMalformedGoSumNamesTheLine() throws Exception {
        CheckResult r = verify("example.com/dep1 v1.0.0\n");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().startsWith(dir.resolve("go.sum") + ":1:1: "), r.message());
    }

    @Test
    void aCancelledCheckClosesTheConnectionsItsLookupsWaitOn() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
             CheckContext context = CheckContext.standalone(dir.resolve("data"))) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            Path file = Files.writeString(dir.resolve("go.sum"), gosum.toString());
            RunControl control = new RunControl();
            Thread run = Thread.ofVirtual().start(() -> {
                try {
                    ChecklistRun.run(context, """
                                - {id: g, type: gosum.verify, timeout: 60s, with: {file: "%s", url: "http://127.0.0.1:%d", key: "%s"}}
                            """.formatted(file, silent.getLocalPort(), sumdb.verifierKey()), control);
                } catch (InvalidInputException e) {
                    throw new IllegalStateException(e);
                }
            });
            long until = System.nanoTime() + 10_000_000_000L;
            while (accepted.size() < 16 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(accepted.size() >= 16, accepted.size() + " connections: the lookups never started");

            control.cancel("test over");
            assertTrue(run.join(Duration.ofSeconds(5)), "the run ended");

            for (Socket socket : accepted) {
                socket.setSoTimeout(3_000);
                InputStream in = socket.getInputStream();
                try {
                    // The request the lookup sent, then the end of the stream: the client closed the connection.
                    while (in.read() >= 0) {
                        // Skipping the request.
                    }
                } catch (SocketTimeoutException e) {
                    fail("a lookup's connection was still open 3 s after the run was cancelled");
                }
            }
        }
    }
}
