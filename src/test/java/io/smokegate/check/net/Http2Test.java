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
import io.smokegate.testing.Certificates;
import io.smokegate.testing.Certificates.Authority;
import io.smokegate.testing.ConnectProxy;
import io.smokegate.testing.H2Server;
import io.smokegate.testing.TestServers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} check over HTTP/2: ALPN, {@code httpVersion}, {@code expectHttpVersion}, the same phases. */
class Http2Test {

    private static final HttpCheckType HTTP = new HttpCheckType();
    /** Roomier than NetChecks.BUDGET: the first TLS handshakes of a JVM are slow on a busy machine. */
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final int BIG = 1024 * 1024;

    @TempDir
    static Path dir;

    private static String caFile;
    private static H2Server h2;
    private static H2Server h1Only;
    private static TestServers.Http jdkServer;

    @BeforeAll
    static void startServers() {
        Authority ca = Certificates.authority("smokegate h2 test CA");
        caFile = ca.writePem(dir.resolve("ca.pem")).toString();
        Certificates.Identity identity = ca.leaf("localhost", "127.0.0.1");
        h2 = H2Server.start(identity, List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1), Http2Test::serve);
        h1Only = H2Server.start(identity, List.of(HttpVersion.HTTP_1_1), Http2Test::serve);
        jdkServer = TestServers.https(identity.serverContext()).route("/", ex -> respond(ex, 200, "no ALPN here"));
    }

    private static void serve(HttpServerRequest request) {
        switch (request.path()) {
            case "/echo" -> request.body().onSuccess(body -> request.response()
                    .putHeader("x-seen", request.method() + " " + request.getHeader("x-probe"))
                    .end(body));
            case "/big" -> request.response().end("x".repeat(BIG));
            case "/moved" -> request.response().setStatusCode(302).putHeader("location", "/").end();
            case "/to-plain" -> request.response().setStatusCode(302).putHeader("location", "http://127.0.0.1:9/").end();
            case "/teapot" -> request.response().setStatusCode(418).end("short and stout");
            default -> request.response().putHeader("x-version", request.version().name()).end("hello over " + request.version());
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        h2.close();
        h1Only.close();
        jdkServer.close();
    }

    private static Run get(String url, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", url);
        params.putIfAbsent("tls", Map.of("caFile", caFile));
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(HTTP, params, BUDGET));
    }

    @Test
    void httpVersion2PassesAgainstAnH2Server() {
        Run run = get(h2.url("/"), "httpVersion", "2", "bodyContains", "hello over HTTP_2").passes();
        assertEquals("2", run.detail("httpVersion"));
        assertEquals(2.0, run.measurement(NetFamily.HTTP_VERSION).orElseThrow());
    }

    @Test
    void anH2ProbeReportsTheSamePhasesAsHttp11() {
        Run run = get(h2.url("/"), "httpVersion", "2").passes();
        assertEquals(List.of("resolve", "connect", "tls", "processing", "transfer"), run.labels(NetFamily.PHASE_DURATION));
        assertTrue(run.measurement(NetFamily.PHASE_DURATION, "tls").orElseThrow() > 0);
        assertTrue(run.measurement(NetFamily.PHASE_DURATION, "processing").orElseThrow() > 0);
    }

    @Test
    void theDefaultNegotiatesH2WhenTheServerOffersIt() {
        assertEquals("2", get(h2.url("/")).passes().detail("httpVersion"));
    }

    @Test
    void theDefaultFallsBackToHttp11WhenTheServerChoosesIt() {
        Run run = get(h1Only.url("/"), "bodyContains", "hello over HTTP_1_1").passes();
        assertEquals("1.1", run.detail("httpVersion"));
        assertEquals(1.1, run.measurement(NetFamily.HTTP_VERSION).orElseThrow());
    }

    @Test
    void httpVersion2FailsAgainstAServerThatChoosesHttp11() {
        assertEquals(h1Only.url("/") + " does not speak HTTP/2: the server chose http/1.1 in the TLS handshake;"
                + " httpVersion \"2\" requires h2", get(h1Only.url("/"), "httpVersion", "2").failure());
    }

    @Test
    void httpVersion2FailsAgainstAServerWithoutAlpn() {
        Run run = get(jdkServer.url("/"), "httpVersion", "2");
        assertEquals(jdkServer.url("/") + " does not speak HTTP/2: the server chose no protocol in the TLS handshake"
                + " (no ALPN); httpVersion \"2\" requires h2", run.failure());
        assertEquals(List.of("resolve", "connect", "tls"), run.labels(NetFamily.PHASE_DURATION));
        assertTrue(jdkServer.requests().isEmpty(), "no request is sent over HTTP/1.1");
    }

    @Test
    void httpVersion11KeepsToHttp11WithAnH2Server() {
        Run run = get(h2.url("/"), "httpVersion", "1.1", "bodyContains", "hello over HTTP_1_1").passes();
        assertEquals("1.1", run.detail("httpVersion"));
    }

    @Test
    void expectHttpVersionFailsWhenTheServerChoseAnother() {
        assertEquals("HTTP version 1.1, expected 2", get(h1Only.url("/"), "expectHttpVersion", "2").failure());
    }

    @Test
    void expectHttpVersionReadsBlackboxExporterNames() {
        get(h2.url("/"), "expectHttpVersion", List.of("HTTP/1.1", "HTTP/2.0")).passes();
    }

    @Test
    void methodHeadersAndBodyReachTheServerOverH2() {
        Run run = get(h2.url("/echo"), "httpVersion", "2", "method", "POST", "headers", Map.of("X-Probe", "h2 please"),
                "body", "{\"ping\": 1}", "bodyContains", "{\"ping\": 1}", "expectHeaders", Map.of("X-Seen", "^POST h2 please$"))
                .passes();
        assertEquals(11, run.detail("bodyBytes"));
    }

    @Test
    void aBodyLargerThanTheFlowControlWindowsArrivesWhole() {
        Run run = get(h2.url("/big"), "httpVersion", "2").passes();
        assertEquals(BIG, run.detail("bodyBytes"));
    }

    @Test
    void theReadLimitStopsAnH2Body() {
        assertEquals("response body is larger than the read limit of 64KiB (raise maxBodyBytes if that is expected)",
                get(h2.url("/big"), "httpVersion", "2", "maxBodyBytes", "64KiB").failure());
    }

    @Test
    void redirectsAreFollowedOverH2() {
        Run run = get(h2.url("/moved"), "httpVersion", "2", "bodyContains", "hello over HTTP_2").passes();
        assertEquals(List.of(h2.url("/")), run.detail("redirects"));
    }

    @Test
    void aRedirectToPlainHttpFailsWhenHttp2IsRequired() {
        assertEquals("http://127.0.0.1:9/ is plain HTTP, and HTTP/2 is only spoken over TLS here (httpVersion \"2\""
                + " needs https:// URLs, redirects included)", get(h2.url("/to-plain"), "httpVersion", "2").failure());
    }

    @Test
    void anUnexpectedStatusOverH2ShowsTheBody() {
        assertEquals("status 418, expected 2xx: short and stout", get(h2.url("/teapot"), "httpVersion", "2").failure());
    }

    @Test
    void h2IsNegotiatedThroughAConnectTunnel() {
        try (ConnectProxy proxy = ConnectProxy.open()) {
            Run run = get(h2.url("/"), "httpVersion", "2", "proxyUrl", proxy.url()).passes();
            assertEquals("2", run.detail("httpVersion"));
            assertEquals(1, proxy.tunnels());
        }
    }

    @Test
    void aServerThatAgreesToH2ButAnswersHttp11IsNamed() throws Exception {
        Authority confusedCa = Certificates.authority("confused CA");
        Certificates.Identity identity = confusedCa.leaf("127.0.0.1");
        Path confusedCaFile = confusedCa.writePem(dir.resolve("confused-ca.pem"));
        try (TestServers.Raw confused = TestServers.raw(socket -> {
            SSLSocket ssl = (SSLSocket) identity.serverContext().getSocketFactory()
                    .createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            SSLParameters params = ssl.getSSLParameters();
            params.setApplicationProtocols(new String[] {"h2"});
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            ssl.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            ssl.getOutputStream().flush();
            ssl.getInputStream().readNBytes(1024);
        })) {
            String url = "https://" + confused.address() + "/";
            String failure = get(url, "tls", Map.of("caFile", confusedCaFile.toString())).failure();
            assertTrue(failure.startsWith(url + " broke the protocol while waiting for the response: HTTP/2 protocol error: "),
                    failure);
        }
    }

    @Test
    void httpVersion2NeedsAnHttpsUrl() {
        InvalidParamException e = invalid(HTTP, with("url", "http://127.0.0.1:1/", "httpVersion", "2"));
        assertEquals("httpVersion", e.param());
        assertEquals("\"2\" needs an https:// URL: HTTP/2 is negotiated in the TLS handshake, and cleartext HTTP/2 (h2c)"
                + " is not spoken", e.getMessage());
    }

    @Test
    void anUnknownHttpVersionIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", h2.url("/"), "httpVersion", "3"));
        assertEquals("'3' is not an HTTP version to ask for", e.getMessage());
        assertEquals("auto, 2 or 1.1", e.hint());
    }

    @Test
    void anExpectedVersionThatHttpVersionRulesOutIsRefused() {
        InvalidParamException e = invalid(HTTP, with("url", h2.url("/"), "httpVersion", "1.1", "expectHttpVersion", "2"));
        assertEquals("expectHttpVersion", e.param());
        assertEquals("can never be met with httpVersion \"1.1\"", e.getMessage());
    }

    @Test
    void anExpectedVersionMustBeAnHttpVersion() {
        InvalidParamException e = invalid(HTTP, with("url", h2.url("/"), "expectHttpVersion", "SPDY/3"));
        assertEquals("'SPDY/3' is not an HTTP version", e.getMessage());
    }
}
