package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.config.ConnectionLimits;
import io.smokegate.testing.RawHttpConnection;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/** The API server's timeouts and connection cap, against the real server over real sockets. */
class ConnectionLimitsTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(30);
    /** Timers fire late on a loaded machine, never early; a little slack for when the client starts counting. */
    private static final Duration EARLY = Duration.ofMillis(900);
    private static final Duration LIMIT = Duration.ofSeconds(6);
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";

    @TempDir
    Path root;

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Throwable {
        assertClosedOnTime(new ConnectionLimits(SHORT, LONG, 100), idle -> { }, "");
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenIdleForTheIdleTimeoutAfterItsAnswer() throws Throwable {
        assertClosedOnTime(new ConnectionLimits(SHORT, LONG, 100),
                client -> assertEquals(200, client.exchange(HEALTHZ, ANSWER).status()), "");
    }

    @Test
    void aRequestHeadTrickledByteByByteIsClosedAtTheReadDeadline() throws Throwable {
        assertClosedOnTime(new ConnectionLimits(LONG, SHORT, 100), slowloris -> { },
                "GET /healthz HTTP/1.1\r\nHost: test\r\n" + "X-Padding: a\r\n".repeat(100));
    }

    @Test
    void aRequestBodyTrickledByteByByteIsClosedAtTheReadDeadline() throws Throwable {
        assertClosedOnTime(new ConnectionLimits(LONG, SHORT, 100),
                slowloris -> slowloris.send("PUT /api/v1/checklists/ok/schedule HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
                        + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"),
                "{\"every\": \"5m\"" + " ".repeat(200));
    }

    /** After {@code first}, the connection is closed one SHORT timeout later (not before), {@code trickle} trickling meanwhile. */
    private void assertClosedOnTime(ConnectionLimits limits, ThrowingConsumer<RawHttpConnection> first, String trickle) throws Throwable {
        try (ApiTestSupport api = new ApiTestSupport(root, 1, limits);
             RawHttpConnection client = new RawHttpConnection(api.app.port())) {
            first.accept(client);

            Duration closed = client.closedWithin(LIMIT, trickle, Duration.ofMillis(100));

            assertTrue(closed.compareTo(EARLY) >= 0, "closed after only " + closed);
        }
    }

    @Test
    void anAnswerThatTakesLongerThanBothTimeoutsIsStillDelivered() throws Exception {
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, 1, new ConnectionLimits(SHORT, SHORT, 100))) {
            api.checklist("slow.yaml", httpChecklist("slow", target.url("/sleep/2500"), "10s"));

            HttpResponse<String> r = api.post("/api/v1/checklists/slow/runs?wait=true", TOKEN);

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("passed", ApiTestSupport.json(r).get("status").asText());
        }
    }

    @Test
    void atTheCapANewConnectionClosesTheOneThatWaitedLongestForARequest() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, 1, new ConnectionLimits(LONG, LONG, 2));
             RawHttpConnection oldest = new RawHttpConnection(api.app.port());
             RawHttpConnection younger = new RawHttpConnection(api.app.port())) {
            // Answered requests prove the server holds both, the oldest first.
            assertEquals(200, oldest.exchange(HEALTHZ, ANSWER).status());
            assertEquals(200, younger.exchange(HEALTHZ, ANSWER).status());

            try (RawHttpConnection newest = new RawHttpConnection(api.app.port())) {
                assertEquals(200, newest.exchange(HEALTHZ, ANSWER).status());
            }

            oldest.closedWithin(LIMIT, "", Duration.ofMillis(100));
            assertTrue(younger.openAfter(Duration.ofMillis(300)), "the younger connection was closed too");
        }
    }

    @Test
    void beyondTheCapTheNewestConnectionIsClosedWhileEveryOtherIsBusyWithARequest() throws Exception {
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, 2, new ConnectionLimits(LONG, LONG, 2));
             RawHttpConnection first = new RawHttpConnection(api.app.port());
             RawHttpConnection second = new RawHttpConnection(api.app.port())) {
            api.checklist("slow.yaml", httpChecklist("slow", target.url("/sleep/3000"), "10s"));
            String waitForRun = "POST /api/v1/checklists/slow/runs?wait=true HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
                    + TOKEN + "\r\nContent-Length: 0\r\n\r\n";
            first.send(waitForRun);
            second.send(waitForRun);
            awaitRequests(target, 2);

            try (RawHttpConnection newest = new RawHttpConnection(api.app.port())) {
                Duration closed = newest.closedWithin(LIMIT, "", Duration.ofMillis(100));
                assertTrue(closed.compareTo(Duration.ofSeconds(2)) < 0, "closed only after " + closed);
            }

            assertEquals(200, first.response(ANSWER).status());
            assertEquals(200, second.response(ANSWER).status());
            try (RawHttpConnection later = new RawHttpConnection(api.app.port())) {
                assertEquals(200, later.exchange(HEALTHZ, ANSWER).status());
            }
        }
    }

    private static void awaitRequests(TargetServer target, int n) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (target.requests() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the target saw " + target.requests() + " of " + n + " requests");
            }
            Thread.sleep(20);
        }
    }
}
