package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.Check;
import io.smokegate.check.CheckResult;
import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.Certificates.Authority;
import io.smokegate.testing.Certificates.Identity;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tls} parameter of the http check: client certificates (mutual TLS) and the other TLS settings. */
class ClientCertificateTest {

    private static final HttpCheckType HTTP = new HttpCheckType();
    /** Roomier than NetChecks.BUDGET: the first TLS handshakes of a JVM are slow on a busy machine. */
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static Authority clientCa;
    private static Identity client;
    private static String caFile;
    private static String certFile;
    private static String keyFile;
    private static TestServers.Raw mtls;

    @BeforeAll
    static void startServer() {
        Authority serverCa = Certificates.authority("smokegate server CA");
        caFile = serverCa.writePem(dir.resolve("server-ca.pem")).toString();
        clientCa = Certificates.authority("smokegate client CA");
        client = clientCa.clientLeaf("probe.smokegate.test");
        certFile = client.writeChainPem(dir.resolve("client.pem")).toString();
        keyFile = client.writeKeyPem(dir.resolve("client-key.pem")).toString();
        mtls = TestServers.mutualTls(serverCa.leaf("127.0.0.1").serverContext(clientCa.certificate()),
                (target, client) -> "hello, " + client);
    }

    @AfterAll
    static void stopServer() {
        mtls.close();
    }

    private static Map<String, Object> tls(Object... settings) {
        Map<String, Object> tls = new LinkedHashMap<>(with(settings));
        tls.putIfAbsent("caFile", caFile);
        return tls;
    }

    private static String url() {
        return "https://" + mtls.address() + "/";
    }

    private static Run get(Map<String, Object> tls, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", url());
        params.put("tls", tls);
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(HTTP, params, BUDGET));
    }

    private static InvalidParamException refused(Map<String, Object> tls) {
        return invalid(HTTP, with("url", url(), "tls", tls));
    }

    @Test
    void theRightClientCertificatePasses() {
        Run run = get(tls("certFile", certFile, "keyFile", keyFile), "bodyContains", "hello, CN=probe.smokegate.test")
                .passes();
        assertTrue(run.message().startsWith("status 200 in "), run.message());
        assertEquals("CN=probe.smokegate.test", run.detail("clientCertificate"));
    }

    @Test
    void anRsaKeyInPkcs8AsPemTextPasses() throws Exception {
        Identity rsa = clientCa.rsaClientLeaf("rsa.smokegate.test");
        get(tls("certFile", rsa.certificatePem(), "keyFile", rsa.pkcs8KeyPem())).passes();
    }

    @Test
    void anRsaKeyInPkcs1PemPasses() {
        Identity rsa = clientCa.rsaClientLeaf("rsa1.smokegate.test");
        Path key = rsa.writeKeyPem(dir.resolve("rsa1-key.pem"));
        get(tls("certFile", rsa.certificatePem(), "keyFile", key.toString())).passes();
    }

    @Test
    void anEcKeyInPkcs8AsPemTextPasses() {
        get(tls("certFile", certFile, "keyFile", client.pkcs8KeyPem())).passes();
    }

    @Test
    void aKeyFromTheEnvironmentIsUsedAndShownNowhere() throws Exception {
        String checks = "    - {id: mtls, type: http, with: {url: \"" + url() + "\", expectStatus: 404,"
                + " tls: {caFile: \"" + caFile + "\", certFile: \"" + certFile + "\", keyFile: \"${env:CLIENT_KEY}\"}}}\n";
        String key = client.pkcs8KeyPem();
        CheckResult result = ChecklistRun.run(dir, checks, Map.of("CLIENT_KEY", key)).checks().get(0);
        assertTrue(result.message().startsWith("status 200, expected 404: hello, CN=probe.smokegate.test"), result.message());
        assertNoKeyIn(key, result.message() + result.details());
    }

    @Test
    void aWrongKeyFromTheEnvironmentIsReportedWithoutIt() {
        String checks = "    - {id: mtls, type: http, with: {url: \"" + url() + "\","
                + " tls: {certFile: \"" + certFile + "\", keyFile: \"${env:CLIENT_KEY}\"}}}\n";
        String key = clientCa.clientLeaf("someone else").pkcs8KeyPem();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ChecklistRun.run(dir, checks, Map.of("CLIENT_KEY", key)));
        int column = checks.indexOf("tls: ") + "tls: ".length() + 1;
        assertEquals("test.yaml:6:" + column + ": spec.checks[0].with.tls: keyFile does not hold the private key of the certificate"
                + " in certFile (CN=probe.smokegate.test) (give the key the certificate was issued for)", e.getMessage());
        assertNoKeyIn(key, e.getMessage());
    }

    /** Not the key, nor any line of its base64. */
    private static void assertNoKeyIn(String key, String text) {
        key.lines().filter(line -> !line.startsWith("-----"))
                .forEach(line -> assertFalse(text.contains(line), () -> "key material in: " + text));
    }

    @Test
    void withoutAClientCertificateTheFailureSaysOneIsRequired() {
        assertEquals("TLS handshake with " + url() + " failed: the server requires a client certificate and none is"
                + " configured (give tls.certFile and tls.keyFile)", get(tls()).failure());
    }

    @Test
    void aRenewedClientCertificateIsReadBeforeTheNextProbe() throws Exception {
        Path cert = dir.resolve("renewed.pem");
        Path key = dir.resolve("renewed-key.pem");
        Identity first = clientCa.clientLeaf("first");
        first.writeChainPem(cert);
        first.writeKeyPem(key);
        Check check = NetChecks.create(HTTP, with("url", url(),
                "tls", tls("certFile", cert.toString(), "keyFile", key.toString())));
        assertEquals("CN=first", run(check, BUDGET).passes().detail("clientCertificate"));

        Identity second = clientCa.clientLeaf("second");
        second.writeChainPem(cert);
        second.writeKeyPem(key);
        FileTime later = FileTime.fromMillis(System.currentTimeMillis() + 2_000);
        Files.setLastModifiedTime(cert, later);
        Files.setLastModifiedTime(key, later);
        assertEquals("CN=second", run(check, BUDGET).passes().detail("clientCertificate"));
    }

    @Test
    void aClientCertificateFileThatNoLongerLoadsFailsTheProbe() throws Exception {
        Path cert = client.writeChainPem(dir.resolve("breaking.pem"));
        Check check = NetChecks.create(HTTP, with("url", url(),
                "tls", tls("certFile", cert.toString(), "keyFile", keyFile)));
        run(check, BUDGET).passes();

        Files.writeString(cert, "half-written\n");
        Files.setLastModifiedTime(cert, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
        assertEquals("tls: certFile: cannot load the client certificate from " + cert + ": is not PEM (no -----BEGIN"
                + " … ----- line) (it changed since it was loaded)", run(check, BUDGET).failure());
    }

    @Test
    void aServerThatClosesTheConnectionAfterAskingForACertificateIsUnderstood() {
        // The JDK's HttpsServer sends no alert: the client only sees the connection close after the handshake.
        Authority serverCa = Certificates.authority("silent server CA");
        try (TestServers.Http silent = TestServers.https(serverCa.leaf("127.0.0.1").serverContext(clientCa.certificate()),
                params -> params.setNeedClientAuth(true)).route("/", ex -> TestServers.respond(ex, 200, "hello"))) {
            Path ca = serverCa.writePem(dir.resolve("silent-ca.pem"));
            Run run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> run(HTTP, with("url", silent.url("/"), "tls", Map.of("caFile", ca.toString())), BUDGET));
            assertEquals("TLS handshake with " + silent.url("/") + " failed: the server requires a client certificate and"
                    + " none is configured (give tls.certFile and tls.keyFile)", run.failure());
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRejectedByTheServer() {
        Identity stranger = Certificates.authority("some other CA").clientLeaf("stranger");
        String failure = get(tls("certFile", stranger.certificatePem(), "keyFile", stranger.pkcs8KeyPem())).failure();
        assertTrue(failure.startsWith("TLS handshake with " + url() + " failed: the server rejected the client"
                + " certificate ("), failure);
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedWhenLoading() {
        Identity other = clientCa.clientLeaf("other");
        InvalidParamException e = refused(tls("certFile", certFile, "keyFile", other.pkcs8KeyPem()));
        assertEquals("tls", e.param());
        assertEquals("keyFile does not hold the private key of the certificate in certFile (CN=probe.smokegate.test)",
                e.getMessage());
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        InvalidParamException e = refused(tls("certFile", missing.toString(), "keyFile", keyFile));
        assertEquals("certFile: cannot load the client certificate from " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aKeyValueThatIsNeitherPemNorAFileIsNeverQuoted() {
        String secret = "s3cr3t-base64-without-the-pem-lines";
        InvalidParamException e = refused(tls("certFile", certFile, "keyFile", secret));
        assertEquals("keyFile: cannot load the private key: no such file", e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    void aCertificateFileHoldingAKeyIsRefused() {
        InvalidParamException e = refused(tls("certFile", keyFile, "keyFile", keyFile));
        assertEquals("certFile: cannot load the client certificate from " + keyFile
                + ": holds a PEM block of type EC PRIVATE KEY where certificates were expected", e.getMessage());
    }

    @Test
    void aKeyFileWithoutAKeyIsRefusedWithoutQuotingIt() {
        InvalidParamException e = refused(tls("certFile", certFile, "keyFile", certFile));
        assertEquals("keyFile: cannot load the private key: holds no private key (found CERTIFICATE)", e.getMessage());
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws Exception {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n";
        InvalidParamException e = refused(tls("certFile", certFile, "keyFile", encrypted));
        assertEquals("keyFile: cannot load the private key: holds an encrypted private key, which cannot be used without"
                + " its password", e.getMessage());
        assertEquals("hold the unencrypted key in a secret and pass it as ${env:NAME}", e.hint());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        InvalidParamException e = refused(tls("certFile", certFile));
        assertEquals("keyFile missing: certFile and keyFile go together (the client certificate and its key)",
                e.getMessage());
    }

    @Test
    void anUnknownTlsSettingIsRefusedWithTheNearestName() {
        InvalidParamException e = refused(tls("certfile", certFile));
        assertEquals("unknown setting 'certfile'", e.getMessage());
        assertTrue(e.hint().contains("certFile"), e.hint());
    }

    @Test
    void aCaFileGivenBothWaysIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", url(), "caFile", caFile, "tls", tls()));
        assertEquals("caFile", e.param());
        assertEquals("caFile is given twice: on its own and in tls", e.getMessage());
    }

    @Test
    void caCertificatesMayBeGivenAsPemText() throws Exception {
        String pem = Files.readString(Path.of(caFile));
        get(Map.of("caFile", pem, "certFile", certFile, "keyFile", keyFile)).passes();
    }

    @Test
    void insecureSkipVerifyIsLoudInTheDetailsAndTheMessage() {
        Run run = get(Map.of("insecureSkipVerify", true, "certFile", certFile, "keyFile", keyFile)).passes();
        assertEquals(ClientOptions.INSECURE, run.detail("insecureSkipVerify"));
        assertTrue(run.message().endsWith(" (certificate NOT verified: insecureSkipVerify)"), run.message());
    }

    @Test
    void insecureSkipVerifyMustBeABoolean() {
        InvalidParamException e = refused(tls("insecureSkipVerify", "yes"));
        assertEquals("insecureSkipVerify must be true or false", e.getMessage());
    }
}
