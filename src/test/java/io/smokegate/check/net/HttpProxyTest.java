package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.Certificates;
import io.smokegate.testing.ConnectProxy;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} check through an HTTP proxy: CONNECT for https, absolute form for http, noProxy, credentials. */
class HttpProxyTest {

    private static final HttpCheckType HTTP = new HttpCheckType();
    /** Roomier than NetChecks.BUDGET: the first TLS handshakes of a JVM are slow on a busy machine. */
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final String PASSWORD = "pr0xy-p4ss-wörd";

    @TempDir
    static Path dir;

    private static String caFile;
    private static TestServers.Http https;
    private static TestServers.Http http;
    private ConnectProxy proxy;

    @BeforeAll
    static void startServers() {
        Certificates.Authority ca = Certificates.authority("smokegate proxy test CA");
        caFile = ca.writePem(dir.resolve("ca.pem")).toString();
        https = TestServers.https(ca.leaf("127.0.0.1").serverContext()).route("/", ex -> respond(ex, 200, "secure hello"));
        http = TestServers.http().route("/", ex -> respond(ex, 200, "plain hello " + ex.getRequestURI()));
    }

    @AfterAll
    static void stopServers() {
        https.close();
        http.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = ConnectProxy.requiring("probe", PASSWORD);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private String proxyUrl() {
        return "http://probe:" + PASSWORD + "@" + proxy.url().substring("http://".length());
    }

    private static Run get(String url, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", url);
        params.put("tls", Map.of("caFile", caFile));
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(HTTP, params, BUDGET));
    }

    private static void assertNoSecret(Run run) {
        String everything = run.message() + " " + run.details();
        String basic = Base64.getEncoder().encodeToString(("probe:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertFalse(everything.contains(PASSWORD) || everything.contains("p4ss") || everything.contains(basic), everything);
    }

    @Test
    void anHttpsRequestGoesThroughAConnectTunnel() {
        Run run = get(https.url("/"), "proxyUrl", proxyUrl(), "bodyContains", "secure hello").passes();
        assertEquals(1, proxy.tunnels());
        assertEquals(List.of("CONNECT 127.0.0.1:" + https.port() + " HTTP/1.1"), proxy.requestLines());
        assertEquals(proxy.url(), run.detail("proxy"));
        assertNoSecret(run);
    }

    @Test
    void theTunnelIsAPhaseBetweenConnectAndTls() {
        Run run = get(https.url("/"), "proxyUrl", proxyUrl()).passes();
        assertEquals(List.of("resolve", "connect", "tunnel", "tls", "processing", "transfer"),
                run.labels(NetFamily.PHASE_DURATION));
    }

    @Test
    void anHttpRequestIsSentToTheProxyInAbsoluteForm() {
        get(http.url("/page?q=1"), "proxyUrl", proxyUrl(), "bodyContains", "plain hello /page?q=1").passes();
        assertEquals(List.of("GET http://127.0.0.1:" + http.port() + "/page?q=1 HTTP/1.1"), proxy.requestLines());
        assertEquals(1, proxy.forwarded());
        assertEquals(0, proxy.tunnels());
    }

    @Test
    void credentialsAreSentAsBasicProxyAuthorization() {
        get(https.url("/"), "proxyUrl", proxyUrl()).passes();
        get(http.url("/"), "proxyUrl", proxyUrl()).passes();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("probe:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(basic, basic), proxy.authorizations());
    }

    @Test
    void theTargetNeverSeesTheProxyCredentials() {
        get(http.url("/"), "proxyUrl", proxyUrl()).passes();
        assertNull(http.requests().get(http.requests().size() - 1).header("proxy-authorization"));
    }

    @Test
    void wrongCredentialsFailNamingTheProxyButNotThePassword() {
        String wrong = "http://probe:wrong-" + PASSWORD + "@" + proxy.url().substring("http://".length());
        Run run = get(https.url("/"), "proxyUrl", wrong);
        assertEquals("proxy " + proxy.url() + " refused to open a tunnel to 127.0.0.1:" + https.port()
                + ": 407 Proxy Authentication Required (the proxy did not accept the credentials in proxyUrl)", run.failure());
        assertNoSecret(run);
    }

    @Test
    void missingCredentialsAreNamed() {
        assertEquals("proxy " + proxy.url() + " refused to open a tunnel to 127.0.0.1:" + https.port()
                        + ": 407 Proxy Authentication Required (the proxy wants credentials: proxyUrl"
                        + " http://user:password@host:port)",
                get(https.url("/"), "proxyUrl", proxy.url()).failure());
    }

    @Test
    void noProxyHostsAreReachedDirectly() {
        Run run = get(https.url("/"), "proxyUrl", proxyUrl(), "noProxy", List.of("example.com", "127.0.0.0/8")).passes();
        assertEquals(0, proxy.tunnels() + proxy.forwarded());
        assertEquals("bypassed: noProxy matches 127.0.0.1", run.detail("proxy"));
        assertEquals(List.of("resolve", "connect", "tls", "processing", "transfer"), run.labels(NetFamily.PHASE_DURATION));
    }

    @Test
    void noProxyMayBeACommaSeparatedListAsInTheEnvironment() {
        get(http.url("/"), "proxyUrl", proxyUrl(), "noProxy", "localhost, 127.0.0.1").passes();
        assertEquals(0, proxy.forwarded());
    }

    @Test
    void anUnreachableProxyIsNamedAsTheProxy() {
        int closed = Ports.free();
        Run run = get(https.url("/"), "proxyUrl", "http://probe:" + PASSWORD + "@127.0.0.1:" + closed);
        assertEquals("connection refused by proxy http://127.0.0.1:" + closed + " for " + https.url("/"), run.failure());
        assertNoSecret(run);
    }

    @Test
    void aProxyThatIsNotHttpIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", https.url("/"),
                "proxyUrl", "socks5://probe:" + PASSWORD + "@127.0.0.1:1080"));
        assertEquals("proxyUrl", e.param());
        assertEquals("'socks5://«credentials»@127.0.0.1:1080' is not an http:// proxy", e.getMessage());
    }

    @Test
    void aProxyUrlWithAPathIsRefusedWithoutShowingItsPassword() {
        InvalidParamException e = invalid(HTTP, with("url", https.url("/"), "proxyUrl", proxyUrl() + "/path"));
        assertEquals("'http://«credentials»@" + proxy.url().substring("http://".length()) + "/path' has a path, query"
                + " or fragment", e.getMessage());
    }

    @Test
    void noProxyWithoutAProxyIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", https.url("/"), "noProxy", "localhost"));
        assertEquals("noProxy", e.param());
        assertEquals("has no effect without proxyUrl", e.getMessage());
    }

    @Test
    void aNoProxyEntryThatIsNoHostIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", https.url("/"), "proxyUrl", proxy.url(),
                "noProxy", List.of("example.com:8080")));
        assertEquals("'example.com:8080' is not a host name, IP address or CIDR range", e.getMessage());
    }
}
