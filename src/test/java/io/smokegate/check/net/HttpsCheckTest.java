package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.Certificates.Authority;
import io.smokegate.testing.Certificates.Identity;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.TestServers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code http} check over TLS: certificate verification as HTTPS clients do it. */
class HttpsCheckTest {

    private static final HttpCheckType HTTP = new HttpCheckType();
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();

    @TempDir
    static Path dir;

    private static Authority ca;
    private static Path caFile;
    private static Identity expired;
    private static Identity notYetValid;
    private static TestServers.Http valid;
    private static TestServers.Http selfSigned;
    private static TestServers.Http expiredServer;
    private static TestServers.Http notYetValidServer;
    private static TestServers.Http otherHost;
    private static TestServers.Http apiOnly;

    @BeforeAll
    static void startServers() {
        ca = Certificates.authority("smokegate test CA");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        expired = ca.expiredLeaf("localhost", "127.0.0.1");
        notYetValid = ca.notYetValidLeaf("localhost", "127.0.0.1");
        valid = serving(ca.leaf("localhost", "127.0.0.1"));
        selfSigned = serving(Certificates.selfSigned("localhost", "127.0.0.1"));
        expiredServer = serving(expired);
        notYetValidServer = serving(notYetValid);
        otherHost = serving(ca.leaf("other.example"));
        apiOnly = serving(ca.leaf("api.internal.test"));
    }

    private static TestServers.Http serving(Identity identity) {
        TestServers.Http server = TestServers.https(identity.serverContext())
                .route("/", ex -> respond(ex, 200, "secure hello"));
        SERVERS.add(server);
        return server;
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : SERVERS) {
            server.close();
        }
    }

    private static Run get(String url, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", url);
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(HTTP, params));
    }

    private static String handshakeFailure(String url, String reason) {
        return "TLS handshake with " + url + " failed: " + reason;
    }

    /** The JDK's own wording follows, e.g. "(certificate_unknown) No subject alternative DNS name matching x found." */
    private static void assertHostNameMismatch(String url, String jdkDetail, String failure) {
        String prefix = handshakeFailure(url, "certificate does not match the host name (");
        assertTrue(failure.startsWith(prefix) && failure.contains(jdkDetail) && failure.endsWith(")"), failure);
    }

    @Test
    void chainToTheGivenCaPasses() {
        Run run = get(valid.url("/"), "caFile", caFile.toString(), "bodyContains", "secure hello").passes();
        assertEquals("TLSv1.3", run.detail("tlsVersion"));
        assertEquals(1.0, run.measurement(NetFamily.TLS_VERSION, "TLSv1.3").orElseThrow());
    }

    @Test
    void hostNameInTheUrlIsVerifiedAndSentAsServerName() {
        get(valid.url("localhost", "/"), "caFile", caFile.toString()).passes();
        assertEquals("localhost", valid.handshakeServerNames().get(valid.handshakeServerNames().size() - 1));
    }

    @Test
    void everyPhaseIncludingTlsIsMeasured() {
        Run run = get(valid.url("/"), "caFile", caFile.toString()).passes();
        assertEquals(List.of("resolve", "connect", "tls", "processing", "transfer"), run.labels(NetFamily.PHASE_DURATION));
        assertTrue(run.measurement(NetFamily.PHASE_DURATION, "tls").orElseThrow() > 0);
    }

    @Test
    void earliestExpiryInTheChainIsMeasured() {
        Identity leaf = ca.leaf("127.0.0.1");
        TestServers.Http server = serving(leaf);
        Run run = get(server.url("/"), "caFile", caFile.toString()).passes();
        Instant notAfter = leaf.certificate().getNotAfter().toInstant();
        assertEquals((double) notAfter.getEpochSecond(), run.measurement(NetFamily.TLS_CERT_NOT_AFTER).orElseThrow());
        assertEquals(notAfter.toString(), run.detail("certNotAfter"));
    }

    @Test
    void selfSignedCertificateFailsAsNotTrusted() {
        assertEquals(handshakeFailure(selfSigned.url("/"),
                        "certificate is not trusted: no chain to a trusted root (self-signed or unknown CA)"),
                get(selfSigned.url("/")).failure());
    }

    @Test
    void certificateFromAnotherCaFailsAsNotTrusted() {
        Path otherCa = Certificates.authority("some other CA").writePem(dir.resolve("other-ca.pem"));
        assertEquals(handshakeFailure(valid.url("/"),
                        "certificate is not trusted: no chain to a trusted root (self-signed or unknown CA)"),
                get(valid.url("/"), "caFile", otherCa.toString()).failure());
    }

    @Test
    void certificateFromATestCaFailsAgainstTheJdkTrustStore() {
        assertEquals(handshakeFailure(valid.url("/"),
                        "certificate is not trusted: no chain to a trusted root (self-signed or unknown CA)"),
                get(valid.url("/")).failure());
    }

    @Test
    void expiredCertificateFailsNamingTheExpiryDate() {
        String failure = get(expiredServer.url("/"), "caFile", caFile.toString()).failure();
        assertTrue(failure.startsWith(handshakeFailure(expiredServer.url("/"), "certificate has expired (NotAfter: ")),
                failure);
        String notAfter = expired.certificate().getNotAfter().toString();
        assertTrue(failure.endsWith(notAfter + ")"), failure + " does not name " + notAfter);
    }

    @Test
    void notYetValidCertificateFailsNamingTheStartDate() {
        String failure = get(notYetValidServer.url("/"), "caFile", caFile.toString()).failure();
        assertTrue(failure.startsWith(handshakeFailure(notYetValidServer.url("/"),
                "certificate is not yet valid (NotBefore: ")), failure);
        String notBefore = notYetValid.certificate().getNotBefore().toString();
        assertTrue(failure.endsWith(notBefore + ")"), failure + " does not name " + notBefore);
    }

    @Test
    void certificateForAnotherHostFailsNamingTheMismatch() {
        assertHostNameMismatch(otherHost.url("localhost", "/"), "No subject alternative DNS name matching localhost found",
                get(otherHost.url("localhost", "/"), "caFile", caFile.toString()).failure());
    }

    @Test
    void certificateWithoutTheIpAddressFailsNamingTheMismatch() {
        assertHostNameMismatch(otherHost.url("/"), "No subject alternative names matching IP address 127.0.0.1 found",
                get(otherHost.url("/"), "caFile", caFile.toString()).failure());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"self-signed", "expired", "not yet valid", "other host"})
    void insecureSkipVerifyAcceptsAnyCertificate(String which) {
        TestServers.Http server = switch (which) {
            case "self-signed" -> selfSigned;
            case "expired" -> expiredServer;
            case "not yet valid" -> notYetValidServer;
            default -> otherHost;
        };
        get(server.url("/"), "insecureSkipVerify", true, "bodyContains", "secure hello").passes();
    }

    @Test
    void serverNameIsSentAsSniAndVerifiedInsteadOfTheUrlHost() {
        get(apiOnly.url("/"), "caFile", caFile.toString(), "serverName", "api.internal.test").passes();
        assertEquals("api.internal.test",
                apiOnly.handshakeServerNames().get(apiOnly.handshakeServerNames().size() - 1));
    }

    @Test
    void serverNameWithTrailingDotIsSentAndVerifiedWithoutIt() {
        get(apiOnly.url("/"), "caFile", caFile.toString(), "serverName", "api.internal.test.").passes();
        assertEquals("api.internal.test",
                apiOnly.handshakeServerNames().get(apiOnly.handshakeServerNames().size() - 1));
    }

    @Test
    void withoutServerNameTheUrlHostMustMatch() {
        assertHostNameMismatch(apiOnly.url("/"), "No subject alternative names matching IP address 127.0.0.1 found",
                get(apiOnly.url("/"), "caFile", caFile.toString()).failure());
    }

    @Test
    void serverNameThatTheCertificateDoesNotCoverFails() {
        assertHostNameMismatch(valid.url("/"), "No subject alternative DNS name matching api.internal.test found",
                get(valid.url("/"), "caFile", caFile.toString(), "serverName", "api.internal.test").failure());
    }

    @Test
    void plainHttpServerOnTheHttpsPortFailsSayingSo() {
        try (TestServers.Raw plain = TestServers.raw(socket -> {
            socket.getInputStream().read(new byte[1024]);
            TestServers.write(socket, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        })) {
            String url = "https://127.0.0.1:" + plain.port() + "/";
            assertEquals(handshakeFailure(url, "the server did not answer with TLS (plain HTTP on a TLS port?)"),
                    get(url, "insecureSkipVerify", true).failure());
        }
    }

    @Test
    void plainHttpRequestToATlsPortFailsWithoutHanging() {
        String url = "http://127.0.0.1:" + valid.port() + "/";
        assertEquals("connection closed by " + url + " while waiting for the response", get(url).failure());
    }

    @Test
    void serverThatStopsReadingALargeRequestBodyTimesOutAtTheDeadline() {
        SSLContext context = ca.leaf("127.0.0.1").serverContext();
        try (TestServers.Raw stalled = TestServers.raw(socket -> {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            Thread.sleep(10_000);
        })) {
            String url = "https://127.0.0.1:" + stalled.port() + "/";
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(HTTP, with("url", url,
                    "caFile", caFile.toString(), "method", "POST", "body", "x".repeat(32 * 1024 * 1024)),
                    Duration.ofSeconds(1)));
            assertEquals("timed out after 1s while waiting for the response (" + url + ")", run.failure());
        }
    }

    @Test
    void unreadableCaFileIsRejectedWhenTheCheckIsCreated() {
        Path missing = dir.resolve("missing.pem");
        InvalidParamException e = invalid(HTTP, with("url", valid.url("/"), "caFile", missing.toString()));
        assertEquals("caFile", e.param());
        assertTrue(e.getMessage().startsWith("cannot load CA certificates from " + missing + ": "), e.getMessage());
    }

    @Test
    void caFileWithoutCertificatesIsRejectedWhenTheCheckIsCreated() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "# nothing here\n");
        InvalidParamException e = invalid(HTTP, with("url", valid.url("/"), "caFile", empty.toString()));
        assertEquals("caFile", e.param());
        assertTrue(e.getMessage().startsWith("cannot load CA certificates from " + empty + ": "), e.getMessage());
    }

    @Test
    void ipv6LiteralUrlIsVerifiedAgainstTheIpAddressEntry() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        assumeTrue(TestServers.canListenOn(v6), "this machine has no IPv6 loopback");
        TestServers.Http server = TestServers.https(v6, ca.leaf("::1").serverContext(), params -> { })
                .route("/", ex -> respond(ex, 200, "secure hello"));
        SERVERS.add(server);
        String url = "https://[::1]:" + server.port() + "/";
        get(url, "caFile", caFile.toString(), "bodyContains", "secure hello").passes();
        assertEquals("[::1]:" + server.port(), server.lastRequest().header("host"));
    }
}
