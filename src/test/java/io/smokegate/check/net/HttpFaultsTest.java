package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.drainUntilClosed;
import static io.smokegate.testing.TestServers.readRequestHead;
import static io.smokegate.testing.TestServers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TestServers;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code http} check against raw-socket servers that fail, misbehave or use the rarer corners of
 * HTTP/1.1 (interim responses, trailers, bodies framed by close). Every fault ends as a failed check
 * with a message naming what happened, within the probe's deadline.
 */
class HttpFaultsTest {

    private static final HttpCheckType HTTP = new HttpCheckType();
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** How long a probe with a one-second budget may take at most, with room for a slow machine. */
    private static final Duration HARD_LIMIT = Duration.ofSeconds(5);

    /** Runs a GET of {@code url} with a one-second budget, failing the test if it hangs. */
    private static Run getWithin1s(String url, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", url);
        return assertTimeoutPreemptively(HARD_LIMIT, () -> run(HTTP, params, ONE_SECOND));
    }

    /** A server that reads the request head, then writes {@code response} and closes. */
    private static TestServers.Raw answering(String response) {
        return TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, response);
        });
    }

    private static void assertTookAboutOneSecond(Run run) {
        assertTrue(run.took().compareTo(Duration.ofMillis(900)) >= 0, "gave up early: " + run.took());
        assertTrue(run.took().compareTo(Duration.ofMillis(2000)) < 0, "overran the deadline: " + run.took());
    }

    @Test
    void closedPortFailsAsConnectionRefused() {
        String url = "http://127.0.0.1:" + Ports.free() + "/";
        Run run = getWithin1s(url);
        assertEquals("connection refused by " + url, run.failure());
        assertEquals(List.of("resolve"), run.labels(NetFamily.PHASE_DURATION));
    }

    @Test
    void unknownHostFailsAsDnsLookupFailure() {
        assertEquals("DNS lookup failed for no-such-host.invalid: no such host",
                getWithin1s("http://no-such-host.invalid/").failure());
    }

    @Test
    void hostWithoutAddressOfTheRequestedFamilyFails() {
        assertEquals("DNS lookup failed: 127.0.0.1 has no ip6 address",
                getWithin1s("http://127.0.0.1:9/", "ipProtocol", "ip6").failure());
    }

    @Test
    void resetAfterTheRequestFailsAsConnectionReset() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            socket.setSoLinger(true, 0);
            socket.close();
        })) {
            assertEquals("connection reset by " + server.url("/") + " while waiting for the response",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void closeWithoutAnswerFailsAsConnectionClosed() {
        try (TestServers.Raw server = TestServers.raw(TestServers::readRequestHead)) {
            assertEquals("connection closed by " + server.url("/") + " while waiting for the response",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void serverThatNeverAnswersTimesOutAtTheDeadline() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            drainUntilClosed(socket);
        })) {
            Run run = getWithin1s(server.url("/"));
            assertEquals("timed out after 1s while waiting for the response (" + server.url("/") + ")", run.failure());
            assertTookAboutOneSecond(run);
            assertEquals(List.of("resolve", "connect"), run.labels(NetFamily.PHASE_DURATION));
        }
    }

    @Test
    void statusLineDrippedByteByByteTimesOutAtTheDeadline() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            for (char c : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".toCharArray()) {
                write(socket, String.valueOf(c));
                Thread.sleep(200);
            }
        })) {
            Run run = getWithin1s(server.url("/"));
            assertEquals("timed out after 1s while waiting for the response (" + server.url("/") + ")", run.failure());
            assertTookAboutOneSecond(run);
        }
    }

    @Test
    void bodyDrippedOneByteEvery200msTimesOutAtTheDeadline() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                write(socket, "x");
                Thread.sleep(200);
            }
        })) {
            Run run = getWithin1s(server.url("/"));
            assertEquals("timed out after 1s while reading the response (" + server.url("/") + ")", run.failure());
            assertTookAboutOneSecond(run);
        }
    }

    /** Streams 1 GiB of body in the given framing, counting what it managed to write. */
    private static TestServers.Raw gigabyteServer(String framing, AtomicLong written, CountDownLatch done) {
        return TestServers.raw(socket -> {
            try {
                readRequestHead(socket);
                long total = 1L << 30;
                byte[] block = new byte[64 * 1024];
                OutputStream out = socket.getOutputStream();
                switch (framing) {
                    case "content-length" -> write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n");
                    case "chunked" -> write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                    default -> write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
                }
                for (long sent = 0; sent < total; sent += block.length) {
                    if (framing.equals("chunked")) {
                        out.write(("10000\r\n").getBytes());
                    }
                    out.write(block);
                    if (framing.equals("chunked")) {
                        out.write("\r\n".getBytes());
                    }
                    written.addAndGet(block.length);
                }
            } finally {
                done.countDown();
            }
        });
    }

    @ParameterizedTest(name = "framed by {0}")
    @ValueSource(strings = {"content-length", "chunked", "until-close"})
    void gigabyteBodyStopsAtTheReadLimitQuickly(String framing) throws InterruptedException {
        AtomicLong written = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (TestServers.Raw server = gigabyteServer(framing, written, done)) {
            Run run = assertTimeoutPreemptively(HARD_LIMIT,
                    () -> run(HTTP, with("url", server.url("/")), Duration.ofSeconds(4)));
            assertEquals("response body is larger than the read limit of 10MiB (raise maxBodyBytes if that is expected)",
                    run.failure());
            assertEquals(10 * 1024 * 1024, run.detail("bodyBytes"));
            assertTrue(run.took().compareTo(Duration.ofSeconds(3)) < 0, "took " + run.took());
            assertTrue(done.await(3, TimeUnit.SECONDS), "the server was still able to write after the check ended");
            assertTrue(written.get() < 64L * 1024 * 1024,
                    "the check went on reading after the limit: the server wrote " + written.get() + " bytes");
        }
    }

    @Test
    void smallReadLimitStopsEarly() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "y".repeat(5000))) {
            Run run = getWithin1s(server.url("/"), "maxBodyBytes", "1KiB");
            assertEquals("response body is larger than the read limit of 1KiB (raise maxBodyBytes if that is expected)",
                    run.failure());
            assertEquals(1024, run.detail("bodyBytes"));
        }
    }

    @Test
    void nonHttpStatusLineFailsQuotingIt() {
        try (TestServers.Raw server = answering("SSH-2.0-OpenSSH_9.6\r\n")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "not an HTTP/1.x status line: 'SSH-2.0-OpenSSH_9.6'",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void statusLineWithoutNumericCodeFails() {
        try (TestServers.Raw server = answering("HTTP/1.1 OK\r\n\r\n")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "not an HTTP/1.x status line: 'HTTP/1.1 OK'",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void endlessStatusLineFailsAtTheLineLimit() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, "HTTP/1.1 200 " + "A".repeat(20_000));
            drainUntilClosed(socket);
        })) {
            assertEquals(server.url("/") + " broke the protocol while waiting for the response: "
                            + "line longer than 8192 bytes while reading the status line",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void headerLineLongerThan8KiBFails() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "line longer than 8192 bytes while reading the response headers",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void tooManyHeaderLinesFail() {
        StringBuilder response = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 300; i++) {
            response.append("X-Filler-").append(i).append(": v\r\n");
        }
        try (TestServers.Raw server = answering(response.append("\r\n").toString())) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "response headers exceed 200 lines or 64 KiB",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void headersLargerThan64KiBInTotalFail() {
        StringBuilder response = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 20; i++) {
            response.append("X-Filler-").append(i).append(": ").append("v".repeat(4000)).append("\r\n");
        }
        try (TestServers.Raw server = answering(response.append("\r\n").toString())) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "response headers exceed 200 lines or 64 KiB",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void headerLineWithoutColonFails() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "malformed header line 'NoColonHere'",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void nonNumericContentLengthFails() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\nbody")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: "
                            + "Content-Length 'lots' is not a number",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void bodyShorterThanContentLengthFailsAsClosed() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")) {
            assertEquals("connection closed by " + server.url("/") + " while reading the response",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void invalidChunkSizeFails() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")) {
            assertEquals(server.url("/") + " broke the protocol while reading the response: bad chunk size 'zz'",
                    getWithin1s(server.url("/")).failure());
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsReassembled() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nX-Checksum: abc\r\n\r\n")) {
            Run run = getWithin1s(server.url("/"), "bodyRegex", "^hello world!$").passes();
            assertEquals(12, run.detail("bodyBytes"));
        }
    }

    @Test
    void statusLineWithoutReasonPhraseIsAccepted() {
        try (TestServers.Raw server = answering("HTTP/1.1 204\r\n\r\n")) {
            getWithin1s(server.url("/"), "expectStatus", "204").passes();
        }
    }

    @Test
    void headLinesEndingInABareLineFeedAreReadWithInnerCarriageReturnsKept() {
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\nContent-Length: 2\r\nX-Mixed: a\rb\n\nok")) {
            Run run = getWithin1s(server.url("/"), "bodyContains", "ok", "expectHeaders", Map.of("X-Mixed", "a\rb")).passes();
            assertEquals(200, run.detail("status"));
        }
    }

    @Test
    void informationalResponsesBeforeTheFinalOneAreSkipped() {
        try (TestServers.Raw server = answering("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Final: yes\r\n\r\nfinal")) {
            Run run = getWithin1s(server.url("/"), "expectStatus", "200", "bodyContains", "final",
                    "expectHeaders", Map.of("X-Final", "yes")).passes();
            assertEquals(200, run.detail("status"));
        }
    }

    @Test
    void bodyWithoutLengthIsReadUntilTheServerCloses() {
        try (TestServers.Raw server = answering("HTTP/1.0 200 OK\r\n\r\nread until close")) {
            getWithin1s(server.url("/"), "bodyContains", "read until close").passes();
        }
    }

    @Test
    void headRequestDoesNotWaitForTheAnnouncedBody() {
        AtomicReference<String> head = new AtomicReference<>();
        try (TestServers.Raw server = TestServers.raw(socket -> {
            head.set(readRequestHead(socket));
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            drainUntilClosed(socket);
        })) {
            Run run = getWithin1s(server.url("/"), "method", "HEAD").passes();
            assertTrue(run.took().compareTo(Duration.ofMillis(500)) < 0, "waited for a body: " + run.took());
            assertEquals(0, run.detail("bodyBytes"));
            assertTrue(head.get().startsWith("HEAD / HTTP/1.1\r\n"), head.get());
        }
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {204, 304})
    void responseThatCannotHaveABodyEndsAfterTheHeaders(int status) {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            write(socket, "HTTP/1.1 " + status + " No Body\r\nContent-Length: 1000\r\n\r\n");
            drainUntilClosed(socket);
        })) {
            Run run = getWithin1s(server.url("/"), "expectStatus", String.valueOf(status)).passes();
            assertTrue(run.took().compareTo(Duration.ofMillis(500)) < 0, "waited for a body: " + run.took());
        }
    }

    @Test
    void catastrophicBodyRegexStopsAtTheDeadline() {
        // Polynomial backtracking (about n^8 steps): hours on a 200-byte body without the deadline.
        try (TestServers.Raw server = answering("HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n"
                + "a,".repeat(100))) {
            Run run = getWithin1s(server.url("/"), "bodyRegex", "(.*,){8}X");
            assertEquals("matching /(.*,){8}X/ against the body did not finish within the timeout", run.failure());
            assertTookAboutOneSecond(run);
        }
    }

    @Test
    void redirectToAServerThatNeverAnswersTimesOutNamingTheLastUrl() {
        try (TestServers.Raw silent = TestServers.raw(socket -> {
            readRequestHead(socket);
            drainUntilClosed(socket);
        }); TestServers.Raw redirecting = answering("HTTP/1.1 302 Found\r\nLocation: " + silent.url("/next")
                + "\r\nContent-Length: 0\r\n\r\n")) {
            Run run = getWithin1s(redirecting.url("/"));
            assertEquals("timed out after 1s while waiting for the response (" + silent.url("/next") + ")", run.failure());
        }
    }

    @Test
    void serverThatStopsReadingALargeRequestBodyTimesOutAtTheDeadline() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            readRequestHead(socket);
            Thread.sleep(10_000);
        })) {
            Run run = getWithin1s(server.url("/"), "method", "POST", "body", "x".repeat(32 * 1024 * 1024));
            assertEquals("timed out after 1s while waiting for the response (" + server.url("/") + ")", run.failure());
            assertTookAboutOneSecond(run);
        }
    }

    @Test
    void serverAcceptingButNeverSpeakingTlsTimesOutInTheHandshake() {
        try (TestServers.Raw server = TestServers.raw(TestServers::drainUntilClosed)) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            Run run = getWithin1s(url, "insecureSkipVerify", true);
            assertEquals("timed out after 1s while in the TLS handshake (" + url + ")", run.failure());
            assertTookAboutOneSecond(run);
        }
    }
}
