package io.smokegate.check.goproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.input.InvalidInputException;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.ChecklistRun;
import io.smokegate.testing.ConnectProxy;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.TestServers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go proxy checks take tls, proxyUrl and noProxy: an Athens behind mutual TLS, or behind a corporate proxy. */
class GoProxyClientOptionsTest {

    @TempDir
    Path dataDir;

    private Certificates.Identity client;
    private String caFile;
    private String certFile;
    private String keyFile;
    private TestServers.Raw athens;
    private ConnectProxy httpProxy;

    @BeforeEach
    void setUp() {
        Certificates.Authority serverCa = Certificates.authority("athens CA");
        Certificates.Authority clientCa = Certificates.authority("probes CA");
        client = clientCa.clientLeaf("probe");
        caFile = serverCa.writePem(dataDir.resolve("ca.pem")).toString();
        certFile = client.writeCertificatePem(dataDir.resolve("client.pem")).toString();
        keyFile = client.writeKeyPem(dataDir.resolve("client-key.pem")).toString();
        athens = TestServers.mutualTls(serverCa.leaf("127.0.0.1").serverContext(clientCa.certificate()),
                (target, peer) -> target.equals("/example.com/lib/@v/list") ? "v1.0.0\nv1.1.0\n" : "");
        httpProxy = ConnectProxy.open();
    }

    @AfterEach
    void tearDown() {
        athens.close();
        httpProxy.close();
    }

    private CheckResult list(String with) throws InvalidInputException {
        return ChecklistRun.only(dataDir, "    - {id: c, type: goproxy.list, timeout: 5s, with: {proxy: \"https://"
                + athens.address() + "\", module: example.com/lib, " + with + "}}\n");
    }

    @Test
    void aGoProxyBehindMutualTlsAnswersWithTheClientCertificate() throws Exception {
        CheckResult r = list("tls: {caFile: \"" + caFile + "\", certFile: \"" + certFile + "\", keyFile: \"" + keyFile + "\"}");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals("2 versions of example.com/lib, newest v1.1.0", r.message());
    }

    @Test
    void withoutTheClientCertificateTheFailureSaysOneIsRequired() throws Exception {
        CheckResult r = list("tls: {caFile: \"" + caFile + "\"}");
        assertEquals(CheckStatus.FAILED, r.status());
        assertTrue(r.message().endsWith("the server requires a client certificate and none is configured"
                + " (give tls.certFile and tls.keyFile)"), r.message());
    }

    @Test
    void theGoProxyIsReachedThroughAConnectTunnel() throws Exception {
        CheckResult r = list("proxyUrl: \"" + httpProxy.url() + "\", tls: {caFile: \"" + caFile + "\", certFile: \""
                + certFile + "\", keyFile: \"" + keyFile + "\"}");
        assertEquals(CheckStatus.PASSED, r.status(), r.message());
        assertEquals(1, httpProxy.tunnels());
        assertEquals(httpProxy.url(), r.details().get("proxy"));
    }

    @Test
    void aPlainHttpGoProxyIsReachedThroughTheProxyInAbsoluteForm() throws Exception {
        try (GoProxyFixture plain = new GoProxyFixture()) {
            plain.add("example.com/lib", "v1.0.0", Map.of("go.mod", "module example.com/lib\n"));
            CheckResult r = ChecklistRun.only(dataDir, "    - {id: c, type: goproxy.latest, timeout: 5s, with: {proxy: \""
                    + plain.url() + "\", module: example.com/lib, proxyUrl: \"" + httpProxy.url() + "\"}}\n");
            assertEquals(CheckStatus.PASSED, r.status(), r.message());
            assertEquals(1, httpProxy.forwarded());
            assertTrue(httpProxy.requestLines().get(0).startsWith("GET " + plain.url() + "/example.com/lib/@latest "),
                    httpProxy.requestLines().toString());
        }
    }

    @Test
    void serverNameIsRefusedBecauseTheseChecksReachSeveralServers() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> list("tls: {serverName: athens.internal}"));
        assertTrue(e.getMessage().contains("spec.checks[0].with.tls: serverName not supported here: this check reaches"
                + " several servers, each verified by its own name"), e.getMessage());
    }
}
