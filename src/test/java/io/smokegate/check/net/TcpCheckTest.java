package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.drainUntilClosed;
import static io.smokegate.testing.TestServers.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TestServers;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code tcp} check: connect, optionally send a line and expect an answer. */
class TcpCheckTest {

    private static final TcpCheckType TCP = new TcpCheckType();

    private static Run check(String address, Object... more) {
        Map<String, Object> params = with(more);
        params.put("address", address);
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(TCP, params, Duration.ofSeconds(1)));
    }

    @Test
    void connectingPasses() {
        try (TestServers.Raw server = TestServers.raw(TestServers::drainUntilClosed)) {
            Run run = check(server.address()).passes();
            assertTrue(run.message().matches("connected to 127\\.0\\.0\\.1:" + server.port() + " in \\d+ ms"),
                    run.message());
            assertEquals("127.0.0.1", run.detail("remoteAddress"));
            assertEquals(List.of("resolve", "connect"), run.labels(NetFamily.PHASE_DURATION));
        }
    }

    @Test
    void closedPortFailsAsConnectionRefused() {
        String address = "127.0.0.1:" + Ports.free();
        assertEquals("connection refused by " + address, check(address).failure());
    }

    @Test
    void unknownHostFailsAsDnsLookupFailure() {
        assertEquals("DNS lookup failed for no-such-host.invalid: no such host",
                check("no-such-host.invalid:80").failure());
    }

    @Test
    void bannerMatchingExpectPasses() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            write(socket, "SSH-2.0-OpenSSH_9.6\r\n");
            drainUntilClosed(socket);
        })) {
            Run run = check(server.address(), "expect", "^SSH-2\\.0-").passes();
            assertEquals("answer from " + server.address() + " matches /^SSH-2\\.0-/", run.message());
            assertEquals("SSH-2.0-OpenSSH_9.6\\r\\n", run.detail("received"));
            assertEquals(List.of("resolve", "connect", "transfer"), run.labels(NetFamily.PHASE_DURATION));
        }
    }

    @Test
    void bannerArrivingInPiecesIsMatchedOnceComplete() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            write(socket, "220 mail.example");
            Thread.sleep(100);
            write(socket, ".com ESMTP ready\r\n");
            drainUntilClosed(socket);
        })) {
            check(server.address(), "expect", "^220 .* ESMTP").passes();
        }
    }

    @Test
    void sentTextReachesTheServerAndItsAnswerIsMatched() {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (TestServers.Raw server = TestServers.raw(socket -> {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            received.complete(new String(buffer, 0, n, StandardCharsets.UTF_8));
            write(socket, "+PONG\r\n");
            drainUntilClosed(socket);
        })) {
            check(server.address(), "send", "PING\r\n", "expect", "^\\+PONG").passes();
            assertEquals("PING\r\n", received.get(1, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void controlCharactersOfAnAnswerAreShownAsEscapesNeverRaw() {
        try (TestServers.Raw server = TestServers.raw(socket -> write(socket, "\033[31mred\u0000\n"))) {
            assertEquals("answer from " + server.address() + " does not match /^\\+PONG/: '\\x1b[31mred\\x00\\n'",
                    check(server.address(), "send", "PING\r\n", "expect", "^\\+PONG").failure());
        }
    }

    @Test
    void answerNotMatchingFailsQuotingIt() {
        try (TestServers.Raw server = TestServers.raw(socket -> write(socket, "-ERR unknown command\r\n"))) {
            assertEquals("answer from " + server.address() + " does not match /^\\+PONG/: '-ERR unknown command\\r\\n'",
                    check(server.address(), "send", "PING\r\n", "expect", "^\\+PONG").failure());
        }
    }

    @Test
    void silenceUntilTheServerClosesFailsWithAnEmptyAnswer() {
        try (TestServers.Raw server = TestServers.raw(socket -> { })) {
            assertEquals("answer from " + server.address() + " does not match /^SSH/: ''",
                    check(server.address(), "expect", "^SSH").failure());
        }
    }

    @Test
    void expectNotMatchedWithinTheDeadlineTimesOut() {
        try (TestServers.Raw server = TestServers.raw(socket -> {
            write(socket, "hello, but not what you wanted\r\n");
            drainUntilClosed(socket);
        })) {
            Run run = check(server.address(), "expect", "^SSH");
            assertEquals("timed out after 1s while waiting for the response (" + server.address() + ")", run.failure());
            assertTrue(run.took().compareTo(Duration.ofMillis(900)) >= 0 && run.took().compareTo(Duration.ofMillis(2000)) < 0,
                    "took " + run.took());
        }
    }

    @Test
    void addressWithoutPortIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(TCP, with("address", "db.internal"));
        assertEquals("address", e.param());
        assertEquals("'db.internal' is not host:port", e.getMessage());
        assertEquals("e.g. db.internal:5432 or [::1]:6379", e.hint());
    }

    @Test
    void invalidExpectRegexIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(TCP, with("address", "db.internal:5432", "expect", "[unclosed"));
        assertEquals("expect", e.param());
        assertTrue(e.getMessage().startsWith("'[unclosed' is not a regular expression: "), e.getMessage());
    }

    @Test
    void unknownIpProtocolIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(TCP, with("address", "db.internal:5432", "ipProtocol", "ipx"));
        assertEquals("ipProtocol", e.param());
        assertEquals("'ipx' is not auto, ip4 or ip6", e.getMessage());
    }
}
