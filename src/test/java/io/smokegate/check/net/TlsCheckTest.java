package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.Certificates.Authority;
import io.smokegate.testing.Certificates.Identity;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tls} check: expiry, chain, host name, version and HSTS, each reported on its own. */
class TlsCheckTest {

    private static final TlsCheckType TLS = new TlsCheckType();
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();
    private static final String CA_NAME = "CN=smokegate test CA";

    @TempDir
    static Path dir;

    private static Authority ca;
    private static String caFile;
    private static Identity thirtyDays;
    private static TestServers.Http valid;

    @BeforeAll
    static void startServers() {
        ca = Certificates.authority("smokegate test CA");
        caFile = ca.writePem(dir.resolve("ca.pem")).toString();
        thirtyDays = ca.leaf(Instant.now().minus(Duration.ofDays(1)), inDays(30), "localhost", "127.0.0.1");
        valid = serving(thirtyDays, params -> { });
        valid.route("/hsts", ex -> respond(ex, 200, "", "Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
                .route("/hsts-zero", ex -> respond(ex, 200, "", "Strict-Transport-Security", "max-age=0"))
                .route("/hsts-garbled", ex -> respond(ex, 200, "", "Strict-Transport-Security", "includeSubDomains"));
    }

    /** Half a day more than {@code days}, so whole days left is exactly {@code days} during the test. */
    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).plus(Duration.ofHours(12));
    }

    private static TestServers.Http serving(Identity identity, Consumer<SSLParameters> configure) {
        TestServers.Http server = TestServers.https(identity.serverContext(), configure)
                .route("/", ex -> respond(ex, 200, "no hsts here"));
        SERVERS.add(server);
        return server;
    }

    private static TestServers.Http serving(Identity identity) {
        return serving(identity, params -> { });
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : SERVERS) {
            server.close();
        }
    }

    private static Run check(String address, Object... more) {
        Map<String, Object> params = with(more);
        params.put("address", address);
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run(TLS, params));
    }

    @Test
    void validCertificatePassesReportingDaysLeftVersionAndIssuer() {
        Run run = check(valid.address(), "caFile", caFile).passes();
        assertEquals("certificate for 127.0.0.1 valid for 30 more days (TLSv1.3, issuer " + CA_NAME + ")", run.message());
        assertEquals(30L, run.detail("daysLeft"));
    }

    @Test
    void certificateDetailsAreRecorded() {
        Run run = check(valid.address(), "caFile", caFile).passes();
        assertEquals("CN=localhost", run.detail("subject"));
        assertEquals(CA_NAME, run.detail("issuer"));
        assertEquals(List.of("localhost", "127.0.0.1"), run.detail("subjectAltNames"));
        assertEquals(thirtyDays.certificate().getNotAfter().toInstant().toString(), run.detail("notAfter"));
        assertEquals(2, run.detail("chainLength"));
        assertEquals("TLSv1.3", run.detail("tlsVersion"));
    }

    @Test
    void expiryAndVersionAreMeasured() {
        Run run = check(valid.address(), "caFile", caFile).passes();
        assertEquals((double) thirtyDays.certificate().getNotAfter().toInstant().getEpochSecond(),
                run.measurement(NetFamily.TLS_CERT_NOT_AFTER).orElseThrow());
        assertEquals(1.0, run.measurement(NetFamily.TLS_VERSION, "TLSv1.3").orElseThrow());
        assertEquals(List.of("resolve", "connect", "tls"), run.labels(NetFamily.PHASE_DURATION));
    }

    @Test
    void fewerDaysLeftThanMinDaysLeftFails() {
        TestServers.Http server = serving(ca.leaf(Instant.now().minus(Duration.ofDays(1)), inDays(10), "127.0.0.1"));
        assertEquals("certificate expires in 10 days, fewer than minDaysLeft 14",
                check(server.address(), "caFile", caFile).failure());
    }

    @Test
    void minDaysLeftCanBeLowered() {
        TestServers.Http server = serving(ca.leaf(Instant.now().minus(Duration.ofDays(1)), inDays(10), "127.0.0.1"));
        check(server.address(), "caFile", caFile, "minDaysLeft", 7).passes();
    }

    @Test
    void chainCertificateExpiringFirstIsNamed() {
        Authority shortLived = Certificates.authority("short-lived CA", inDays(5));
        Path shortCa = shortLived.writePem(dir.resolve("short-ca.pem"));
        TestServers.Http server = serving(shortLived.leaf("127.0.0.1"));
        assertEquals("chain certificate CN=short-lived CA expires in 5 days, fewer than minDaysLeft 14",
                check(server.address(), "caFile", shortCa.toString()).failure());
    }

    @Test
    void expiredCertificateFailsNamingTheExpiryDate() {
        Identity expired = ca.expiredLeaf("127.0.0.1");
        TestServers.Http server = serving(expired);
        Instant notAfter = expired.certificate().getNotAfter().toInstant();
        assertEquals("certificate expired 1 day ago (" + notAfter + ")",
                check(server.address(), "caFile", caFile).failure());
    }

    @Test
    void notYetValidCertificateFailsAsUntrusted() {
        Identity early = ca.notYetValidLeaf("127.0.0.1");
        TestServers.Http server = serving(early);
        assertEquals("chain is not trusted: certificate is not yet valid (NotBefore: "
                        + early.certificate().getNotBefore() + ")",
                check(server.address(), "caFile", caFile).failure());
    }

    @Test
    void selfSignedCertificateFailsAsUntrusted() {
        TestServers.Http server = serving(Certificates.selfSigned("127.0.0.1"));
        assertEquals("chain is not trusted: certificate is not trusted: no chain to a trusted root "
                + "(self-signed or unknown CA)", check(server.address()).failure());
    }

    @Test
    void selfSignedCertificatePassesWithoutChainVerification() {
        TestServers.Http server = serving(Certificates.selfSigned("127.0.0.1"));
        Run run = check(server.address(), "verifyChain", false).passes();
        assertEquals("CN=127.0.0.1", run.detail("issuer"));
    }

    @Test
    void certificateForAnotherHostFailsNamingWhatItCovers() {
        TestServers.Http server = serving(ca.leaf("other.example", "*.other.example"));
        assertEquals("certificate does not cover 127.0.0.1 (it names [other.example, *.other.example])",
                check(server.address(), "caFile", caFile).failure());
    }

    @Test
    void hostNameIsNotCheckedWhenVerifyHostnameIsFalse() {
        TestServers.Http server = serving(ca.leaf("other.example"));
        check(server.address(), "caFile", caFile, "verifyHostname", false).passes();
    }

    @Test
    void everyProblemIsListed() {
        TestServers.Http server = serving(Certificates.selfSigned("other.example"));
        Run run = check(server.address());
        assertEquals("chain is not trusted: certificate is not trusted: no chain to a trusted root "
                + "(self-signed or unknown CA) (+1 more)", run.failure());
        assertEquals("certificate does not cover 127.0.0.1 (it names [other.example])",
                ((List<?>) run.detail("failures")).get(1));
    }

    @Test
    void theMostSevereProblemLeadsTheHeadline() {
        // Expiring soon, and from a CA the check does not trust: the untrusted chain is what the headline must say.
        TestServers.Http server = serving(ca.leaf(Instant.now().minus(Duration.ofDays(1)), inDays(10), "127.0.0.1"));
        Run run = check(server.address());
        assertEquals("chain is not trusted: certificate is not trusted: no chain to a trusted root "
                + "(self-signed or unknown CA) (+1 more)", run.failure());
        assertEquals("certificate expires in 10 days, fewer than minDaysLeft 14", ((List<?>) run.detail("failures")).get(1));
    }

    @Test
    void oneDayIsCountedInTheSingular() {
        TestServers.Http server = serving(ca.leaf(Instant.now().minus(Duration.ofDays(1)), inDays(1), "127.0.0.1"));
        assertEquals("certificate expires in 1 day, fewer than minDaysLeft 14", check(server.address(), "caFile", caFile).failure());
    }

    @Test
    void serverNameIsSentAsSniAndVerified() {
        TestServers.Http server = serving(ca.leaf("api.internal.test"));
        Run run = check(server.address(), "caFile", caFile, "serverName", "api.internal.test").passes();
        assertTrue(run.message().startsWith("certificate for api.internal.test valid for "), run.message());
        assertEquals(List.of("api.internal.test"), server.handshakeServerNames());
    }

    @Test
    void serverNameWithTrailingDotIsSentAndVerifiedWithoutIt() {
        TestServers.Http server = serving(ca.leaf("api.internal.test"));
        check(server.address(), "caFile", caFile, "serverName", "api.internal.test.").passes();
        assertEquals(List.of("api.internal.test"), server.handshakeServerNames());
    }

    @Test
    void hostNameOfTheAddressIsSentAsSni() {
        check("localhost:" + valid.port(), "caFile", caFile).passes();
        assertEquals("localhost", valid.handshakeServerNames().get(valid.handshakeServerNames().size() - 1));
    }

    @Test
    void versionBelowMinVersionFails() {
        TestServers.Http server = serving(ca.leaf("127.0.0.1"), params -> params.setProtocols(new String[] {"TLSv1.2"}));
        Run run = check(server.address(), "caFile", caFile, "minVersion", "TLSv1.3");
        assertEquals("negotiated TLSv1.2, below minVersion TLSv1.3", run.failure());
        assertEquals(1.0, run.measurement(NetFamily.TLS_VERSION, "TLSv1.2").orElseThrow());
    }

    @Test
    void versionAtMinVersionPasses() {
        TestServers.Http server = serving(ca.leaf("127.0.0.1"), params -> params.setProtocols(new String[] {"TLSv1.2"}));
        Run run = check(server.address(), "caFile", caFile, "minVersion", "1.2").passes();
        assertEquals("TLSv1.2", run.detail("tlsVersion"));
    }

    @Test
    void unknownMinVersionIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(TLS, with("address", valid.address(), "minVersion", "SSLv3"));
        assertEquals("minVersion", e.param());
        assertEquals("'SSLv3' is not a TLS version", e.getMessage());
        assertEquals("one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3", e.hint());
    }

    @Test
    void hstsWithPositiveMaxAgePasses() {
        Run run = check(valid.address(), "caFile", caFile, "hsts", true, "hstsPath", "/hsts").passes();
        assertEquals("max-age=31536000; includeSubDomains", run.detail("hsts"));
        TestServers.Request request = valid.lastRequest();
        assertEquals("GET /hsts", request.method() + " " + request.target());
        assertEquals("127.0.0.1:" + valid.port(), request.header("host"));
    }

    @Test
    void missingHstsHeaderFails() {
        Run run = check(valid.address(), "caFile", caFile, "hsts", true);
        assertEquals("no Strict-Transport-Security header on / (status 200)", run.failure());
        assertEquals("absent", run.detail("hsts"));
    }

    @Test
    void hstsWithZeroMaxAgeFails() {
        assertEquals("Strict-Transport-Security has no positive max-age: 'max-age=0'",
                check(valid.address(), "caFile", caFile, "hsts", true, "hstsPath", "/hsts-zero").failure());
    }

    @Test
    void hstsWithoutMaxAgeFails() {
        assertEquals("Strict-Transport-Security has no positive max-age: 'includeSubDomains'",
                check(valid.address(), "caFile", caFile, "hsts", true, "hstsPath", "/hsts-garbled").failure());
    }

    @Test
    void hstsIsNotRequestedUnlessAsked() {
        int before = valid.requests().size();
        check(valid.address(), "caFile", caFile, "hstsPath", "/hsts-zero").passes();
        assertEquals(before, valid.requests().size());
    }

    @Test
    void plainHttpServerFailsSayingItDoesNotSpeakTls() {
        try (TestServers.Raw plain = TestServers.raw(socket -> {
            socket.getInputStream().read(new byte[1024]);
            TestServers.write(socket, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        })) {
            assertEquals("TLS handshake with " + plain.address()
                            + " failed: the server did not answer with TLS (plain HTTP on a TLS port?)",
                    check(plain.address()).failure());
        }
    }

    @Test
    void closedPortFailsAsConnectionRefused() {
        String address = "127.0.0.1:" + Ports.free();
        assertEquals("connection refused by " + address, check(address).failure());
    }

    @Test
    void serverThatNeverHandshakesTimesOut() {
        try (TestServers.Raw silent = TestServers.raw(TestServers::drainUntilClosed)) {
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> run(TLS, with("address", silent.address()), Duration.ofSeconds(1)));
            assertEquals("timed out after 1s while in the TLS handshake (" + silent.address() + ")", run.failure());
        }
    }

    @Test
    void malformedAddressIsRejectedWhenTheCheckIsCreated() {
        InvalidParamException e = invalid(TLS, with("address", "https://example.com"));
        assertEquals("address", e.param());
        assertEquals("'https://example.com' is not host:port", e.getMessage());
    }
}
