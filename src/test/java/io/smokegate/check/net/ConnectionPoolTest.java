package io.smokegate.check.net;

import static io.smokegate.testing.TestServers.readRequestHead;
import static io.smokegate.testing.TestServers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Deadline;
import io.smokegate.check.goproxy.GoProxyFamily;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.TestServers;
import java.io.EOFException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections kept alive between the requests of one check (goproxy and sumdb lookups), against raw-socket
 * servers that count the connections they accept: what may be reused, what must not, the bound, idle and
 * shutdown closing, the retry on a connection the server closed, and {@code http} checks left on fresh ones.
 */
class ConnectionPoolTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final Duration HARD_LIMIT = Duration.ofSeconds(10);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Connections the server has seen end (the client closed them), counted by the handlers. */
    private final CountDownLatch serverSawClose = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** A server answering every request on a connection with {@code response}, until the client closes it. */
    private TestServers.Raw serving(String response) {
        return track(TestServers.raw(socket -> {
            try {
                while (true) {
                    readRequestHead(socket);
                    write(socket, response);
                }
            } finally {
                serverSawClose.countDown();
            }
        }));
    }

    private ConnectionPool.Scope scope(ConnectionPool.Settings settings) {
        ConnectionPool pool = track(new ConnectionPool(settings));
        return track(pool.scope());
    }

    private static HttpFetcher fetcher(ConnectionSource connections) {
        return new HttpFetcher(ClientOptions.defaults().dialer(IpProtocol.AUTO, HttpVersion.HTTP_1_1), true, 10, false,
                connections);
    }

    private static HttpResponse get(HttpFetcher fetcher, String url, long maxBody) throws Exception {
        return send(fetcher, "GET", url, maxBody);
    }

    private static HttpResponse send(HttpFetcher fetcher, String method, String url, long maxBody) throws Exception {
        return assertTimeoutPreemptively(HARD_LIMIT, () -> fetcher.fetch(
                new HttpRequest(method, URI.create(url), Map.of(), null), () -> BodySink.inMemory(maxBody),
                Deadline.after(BUDGET), new PhaseTimer()).response());
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void requestsOfOneScopeShareAConnection() throws Exception {
        TestServers.Raw server = serving(OK);
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        for (int i = 0; i < 5; i++) {
            assertEquals("ok", body(get(fetcher, server.url("/lookup/" + i), 1024)));
        }

        assertEquals(1, server.accepted());
    }

    @Test
    void anAnswerSayingConnectionCloseIsNotReused() throws Exception {
        TestServers.Raw server = serving("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        for (int i = 0; i < 3; i++) {
            assertEquals("ok", body(get(fetcher, server.url("/"), 1024)));
        }

        assertEquals(3, server.accepted());
    }

    @Test
    void aBodyCutAtTheSizeLimitLeavesTheConnectionUnused() throws Exception {
        TestServers.Raw server = serving("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        assertTrue(get(fetcher, server.url("/"), 4).bodyTruncated());
        assertEquals("0123456789", body(get(fetcher, server.url("/"), 1024)));

        assertEquals(2, server.accepted());
    }

    @Test
    void aBodyEndedByTheServerClosingIsNotReused() throws Exception {
        TestServers.Raw server = track(TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, "HTTP/1.1 200 OK\r\n\r\nuntil close");
        }));
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        assertEquals("until close", body(get(fetcher, server.url("/"), 1024)));
        assertEquals("until close", body(get(fetcher, server.url("/"), 1024)));

        assertEquals(2, server.accepted());
    }

    /** Answers one request, then closes the connection 50 ms later without saying so, as idle timeouts do. */
    private TestServers.Raw closingIdleConnections() {
        return track(TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, OK);
            Thread.sleep(50);
        }));
    }

    /** A fetcher that made one request to {@code server} and kept the connection, which the server has closed since. */
    private HttpFetcher keepingAConnectionClosedByTheServer(TestServers.Raw server) throws Exception {
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));
        assertEquals("ok", body(get(fetcher, server.url("/first"), 1024)));
        Thread.sleep(300);
        return fetcher;
    }

    @Test
    void aGetOnAConnectionTheServerClosedWhileIdleIsSentAgainOnAFreshOne() throws Exception {
        TestServers.Raw server = closingIdleConnections();
        HttpFetcher fetcher = keepingAConnectionClosedByTheServer(server);

        assertEquals("ok", body(get(fetcher, server.url("/second"), 1024)));

        assertEquals(2, server.accepted());
    }

    @Test
    void aPostOnAConnectionTheServerClosedWhileIdleIsNotSentAgain() throws Exception {
        TestServers.Raw server = closingIdleConnections();
        HttpFetcher fetcher = keepingAConnectionClosedByTheServer(server);

        assertThrows(HttpFetcher.Failure.class, () -> send(fetcher, "POST", server.url("/second"), 1024));

        assertEquals(1, server.accepted());
    }

    @Test
    void bytesArrivingOnAnIdleConnectionKeepItFromBeingReused() throws Exception {
        TestServers.Raw server = track(TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, OK);
            Thread.sleep(50);
            write(socket, "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n");
            readRequestHead(socket);
            write(socket, "HTTP/1.1 500 Reused\r\nContent-Length: 0\r\n\r\n");
        }));
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        assertEquals(200, get(fetcher, server.url("/first"), 1024).status());
        Thread.sleep(300);

        assertEquals(200, get(fetcher, server.url("/second"), 1024).status());
        assertEquals(2, server.accepted());
    }

    @Test
    void sixteenConcurrentRequestsShareNoMoreConnectionsThanTheBound() throws Exception {
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger mostConnected = new AtomicInteger();
        TestServers.Raw server = track(TestServers.raw(socket -> {
            mostConnected.accumulateAndGet(connected.incrementAndGet(), Math::max);
            try {
                while (true) {
                    readRequestHead(socket);
                    Thread.sleep(20);
                    write(socket, OK);
                }
            } finally {
                connected.decrementAndGet();
            }
        }));
        HttpFetcher fetcher = fetcher(scope(new ConnectionPool.Settings(4, Duration.ofSeconds(5))));

        List<Future<HttpResponse>> responses = new ArrayList<>();
        try (ExecutorService sixteen = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                String url = server.url("/lookup/" + i);
                responses.add(sixteen.submit(() -> get(fetcher, url, 1024)));
            }
            for (Future<HttpResponse> response : responses) {
                assertEquals("ok", body(response.get(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS)));
            }
        }

        assertEquals(4, server.accepted());
        assertTrue(mostConnected.get() <= 4, mostConnected.get() + " connections at once");
    }

    @Test
    void aRequestFindingEveryConnectionBusyTimesOutAtItsDeadlineSayingSo() throws Exception {
        TestServers.Raw server = track(TestServers.raw(socket -> {
            readRequestHead(socket);
            Thread.sleep(1000);
            write(socket, OK);
        }));
        HttpFetcher fetcher = fetcher(scope(new ConnectionPool.Settings(1, Duration.ofSeconds(5))));
        try (ExecutorService busy = Executors.newSingleThreadExecutor()) {
            Future<HttpResponse> holding = busy.submit(() -> get(fetcher, server.url("/slow"), 1024));
            Thread.sleep(200);

            HttpFetcher.Failure failure = assertThrows(HttpFetcher.Failure.class, () -> assertTimeoutPreemptively(
                    HARD_LIMIT, () -> fetcher.fetch(new HttpRequest("GET", URI.create(server.url("/waiting")), Map.of(),
                            null), () -> BodySink.inMemory(1024), Deadline.after(Duration.ofMillis(300)), new PhaseTimer())));

            ConnectionPool.NoFreeConnection busyPool = assertInstanceOf(ConnectionPool.NoFreeConnection.class,
                    failure.network());
            assertEquals("waiting for one of 1 connection to 127.0.0.1:" + server.port(), busyPool.step());
            assertEquals(200, holding.get(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS).status());
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        TestServers.Raw server = serving(OK);
        ConnectionPool pool = track(new ConnectionPool(new ConnectionPool.Settings(4, Duration.ofMillis(100))));
        HttpFetcher fetcher = fetcher(track(pool.scope()));

        get(fetcher, server.url("/"), 1024);

        assertTrue(serverSawClose.await(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS), "the idle connection stayed open");
        assertEquals(0, pool.openConnections());
        get(fetcher, server.url("/"), 1024);
        assertEquals(2, server.accepted());
    }

    @Test
    void closingTheScopeClosesItsIdleConnections() throws Exception {
        TestServers.Raw server = serving(OK);
        ConnectionPool.Scope scope = scope(ConnectionPool.Settings.DEFAULT);
        get(fetcher(scope), server.url("/"), 1024);

        scope.close();

        assertTrue(serverSawClose.await(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS), "the connection stayed open");
    }

    @Test
    void closingTheCheckContextClosesThePooledConnections() throws Exception {
        TestServers.Raw server = serving(OK);
        CheckContext context = CheckContext.standalone(dir);
        HttpFetcher fetcher = fetcher(context.client(GoProxyFamily.CONNECTIONS).scope());
        get(fetcher, server.url("/"), 1024);

        context.close();

        assertTrue(serverSawClose.await(HARD_LIMIT.toSeconds(), TimeUnit.SECONDS), "the connection outlived the context");
        HttpFetcher.Failure refused = assertThrows(HttpFetcher.Failure.class, () -> get(fetcher, server.url("/"), 1024));
        assertEquals("the connection pool is closed (smokegate is shutting down)", refused.getMessage());
        assertEquals(1, server.accepted());
    }

    @Test
    void httpChecksOpenAFreshConnectionForEachProbe() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        TestServers.Raw server = track(TestServers.raw(socket -> {
            while (true) {
                heads.add(readRequestHead(socket));
                write(socket, OK);
            }
        }));
        String check = "    - {id: c%d, type: http, timeout: 2s, with: {url: \"" + server.url("/") + "\"}}\n";

        List<CheckResult> results = ChecklistRun.run(dir.resolve("data"), check.formatted(1) + check.formatted(2)
                + check.formatted(3)).checks();

        results.forEach(r -> assertEquals(CheckStatus.PASSED, r.status(), r.message()));
        assertEquals(3, server.accepted());
        assertEquals(3, heads.size());
        heads.forEach(head -> assertTrue(head.contains("\r\nConnection: close\r\n"), head));
    }

    @Test
    void aFailureBeforeAnyAnswerOnAFreshConnectionIsNotRetried() throws Exception {
        TestServers.Raw server = track(TestServers.raw(TestServers::readRequestHead));
        HttpFetcher fetcher = fetcher(scope(ConnectionPool.Settings.DEFAULT));

        HttpFetcher.Failure failure = assertThrows(HttpFetcher.Failure.class, () -> get(fetcher, server.url("/"), 1024));

        assertInstanceOf(EOFException.class, failure.network());
        assertEquals(1, server.accepted());
    }
}
