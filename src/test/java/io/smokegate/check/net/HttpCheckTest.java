package io.smokegate.check.net;

import static io.smokegate.check.net.NetChecks.invalid;
import static io.smokegate.check.net.NetChecks.run;
import static io.smokegate.check.net.NetChecks.with;
import static io.smokegate.testing.TestServers.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smokegate.check.InvalidParamException;
import io.smokegate.check.net.NetChecks.Run;
import io.smokegate.testing.TestServers.Request;
import io.smokegate.testing.TestServers;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code http} check against a well-behaved local server. */
class HttpCheckTest {

    private static final HttpCheckType HTTP = new HttpCheckType();
    private static final String JSON_BODY = """
            {"status": "ok", "count": 3, "ratio": 0.5, "ready": true, "owner": null,
             "items": [{"name": "first"}], "version": "1.4.2"}""";

    private static TestServers.Http server;
    private static TestServers.Http other;

    @BeforeAll
    static void startServers() {
        other = TestServers.http().route("/", ex -> respond(ex, 200, "other server"));
        server = TestServers.http()
                .route("/ok", ex -> respond(ex, 200, "all good"))
                .route("/created", ex -> respond(ex, 201, "made it"))
                .route("/missing", ex -> respond(ex, 404, "no such page"))
                .route("/boom", ex -> respond(ex, 500, "database is down"))
                .route("/noisy-error", ex -> respond(ex, 503, "line one\nline two\t" + "x".repeat(200)))
                .route("/json", ex -> respond(ex, 200, JSON_BODY, "Content-Type", "application/json"))
                .route("/headers", ex -> respond(ex, 200, "", "X-Version", "1.2.3", "Cache-Control", "no-store",
                        "Vary", "Accept", "Vary", "Origin"))
                .route("/slow", ex -> {
                    Thread.sleep(300);
                    respond(ex, 200, "eventually");
                })
                .route("/echo", ex -> respond(ex, 200, "echo"))
                .route("/redirect/found", ex -> respond(ex, 302, "", "Location", "/ok"))
                .route("/redirect/relative/", ex -> respond(ex, 301, "", "Location", "../../ok"))
                .route("/redirect/see-other", ex -> respond(ex, 303, "", "Location", "/echo"))
                .route("/redirect/temporary", ex -> respond(ex, 307, "", "Location", "/echo"))
                .route("/redirect/elsewhere", ex -> respond(ex, 302, "",
                        "Location", other.url("localhost", "/landing")))
                .route("/redirect/other-port", ex -> respond(ex, 302, "", "Location", other.url("/landing")))
                .route("/redirect/no-location", ex -> respond(ex, 302, "moved, somewhere"))
                .route("/redirect/ftp", ex -> respond(ex, 302, "", "Location", "ftp://files.example.com/x"))
                .route("/loop/a", ex -> respond(ex, 302, "", "Location", "/loop/b"))
                .route("/loop/b", ex -> respond(ex, 302, "", "Location", "/loop/a"))
                .route("/chain/", ex -> {
                    int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/chain/".length()));
                    respond(ex, 302, "", "Location", "/chain/" + (n + 1));
                })
                .route("/chunked", ex -> {
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (String part : List.of("hello ", "chunked ", "world")) {
                            out.write(part.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                });
    }

    @AfterAll
    static void stopServers() {
        server.close();
        other.close();
    }

    private static Run get(String path, Object... more) {
        Map<String, Object> params = with(more);
        params.put("url", server.url(path));
        return run(HTTP, params);
    }

    @Nested
    class Status {

        @Test
        void successPassesTheDefaultExpectationOf2xx() {
            Run run = get("/ok").passes();
            assertTrue(run.message().matches("status 200 in \\d+ ms"), run.message());
        }

        @Test
        void exactCodeMatches() {
            get("/created", "expectStatus", "201").passes();
        }

        @Test
        void exactCodeRejectsAnyOther() {
            assertEquals("status 200, expected 201: all good", get("/ok", "expectStatus", "201").failure());
        }

        @Test
        void statusClassMatches() {
            get("/created", "expectStatus", "2xx").passes();
        }

        @Test
        void rangeMatches() {
            get("/created", "expectStatus", "200-299").passes();
            get("/boom", "expectStatus", "500-599").passes();
        }

        @Test
        void anyOfSeveralPatternsMatches() {
            get("/missing", "expectStatus", List.of("200", "404")).passes();
        }

        @Test
        void unexpectedStatusFailsShowingTheBodySnippet() {
            assertEquals("status 500, expected 2xx: database is down", get("/boom").failure());
        }

        @Test
        void failureListsEveryAcceptedPattern() {
            assertEquals("status 404, expected 200, 3xx: no such page",
                    get("/missing", "expectStatus", List.of("200", "3xx")).failure());
        }

        @Test
        void bodySnippetIsCutAt80CharactersWithLineBreaksShownAsEscapes() {
            // 80 characters of the body: "line one\nline two\t" (18) and 62 x's.
            assertEquals("status 503, expected 2xx: line one\\nline two\\t" + "x".repeat(62) + "…",
                    get("/noisy-error").failure());
        }

        @Test
        void statusIsMeasuredAndRecorded() {
            Run run = get("/missing", "expectStatus", "404").passes();
            assertEquals(404.0, run.measurement(NetFamily.HTTP_STATUS_CODE).orElseThrow());
            assertEquals(404, run.detail("status"));
        }
    }

    @Nested
    class Body {

        @Test
        void containedStringsPass() {
            get("/ok", "bodyContains", List.of("all", "good")).passes();
        }

        @Test
        void missingStringFailsNamingIt() {
            assertEquals("body does not contain 'healthy'", get("/ok", "bodyContains", "healthy").failure());
        }

        @Test
        void absentForbiddenStringPasses() {
            get("/ok", "bodyNotContains", "error").passes();
        }

        @Test
        void presentForbiddenStringFailsNamingIt() {
            assertEquals("body contains 'good'", get("/ok", "bodyNotContains", List.of("bad", "good")).failure());
        }

        @Test
        void matchingRegexPasses() {
            get("/json", "bodyRegex", "\"version\":\\s*\"1\\.\\d+\\.\\d+\"").passes();
        }

        @Test
        void regexIsFoundAnywhereInTheBody() {
            get("/ok", "bodyRegex", "goo").passes();
        }

        @Test
        void nonMatchingRegexFailsNamingIt() {
            assertEquals("body does not match /^v\\d+$/", get("/ok", "bodyRegex", "^v\\d+$").failure());
        }

        @Test
        void everyFailureIsListedAndTheFirstIsTheMessage() {
            Run run = get("/ok", "bodyContains", List.of("healthy", "ready"), "bodyNotContains", "good");
            assertEquals("body does not contain 'healthy' (+2 more)", run.failure());
            assertEquals(List.of("body does not contain 'healthy'", "body does not contain 'ready'",
                    "body contains 'good'"), run.detail("failures"));
        }

        @Test
        void invalidRegexIsRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", server.url("/ok"), "bodyRegex", "(unclosed"));
            assertEquals("bodyRegex", e.param());
            assertTrue(e.getMessage().startsWith("'(unclosed' is not a regular expression: "), e.getMessage());
        }

        @Test
        void chunkedBodyIsReassembled() {
            Run run = get("/chunked", "bodyContains", "hello chunked world").passes();
            assertEquals(19, run.detail("bodyBytes"));
            assertEquals(19.0, run.measurement(NetFamily.HTTP_RESPONSE_BYTES).orElseThrow());
        }

        @Test
        void bodyLargerThanTheReadLimitFailsNamingTheLimit() {
            Run run = get("/noisy-error", "expectStatus", "503", "maxBodyBytes", "100");
            assertEquals("response body is larger than the read limit of 100B (raise maxBodyBytes if that is expected)",
                    run.failure());
            assertEquals(100, run.detail("bodyBytes"));
        }
    }

    @Nested
    class Json {

        @Test
        void stringNumberBooleanAndNullValuesMatch() {
            Map<String, Object> expected = with("/status", "ok", "/count", 3L, "/ratio", 0.5, "/ready", true,
                    "/owner", null, "/items/0/name", "first");
            get("/json", "json", expected).passes();
        }

        @Test
        void wholeNumberMatchesTheSameNumberWrittenAsDecimal() {
            get("/json", "json", with("/count", 3.0)).passes();
        }

        @Test
        void differentStringFailsShowingBoth() {
            assertEquals("JSON /status is \"ok\", expected down", get("/json", "json", with("/status", "down")).failure());
        }

        @Test
        void differentNumberFailsShowingBoth() {
            assertEquals("JSON /count is 3, expected 4", get("/json", "json", with("/count", 4L)).failure());
        }

        @Test
        void differentBooleanFailsShowingBoth() {
            assertEquals("JSON /ready is true, expected false", get("/json", "json", with("/ready", false)).failure());
        }

        @Test
        void nullExpectedButValuePresentFails() {
            assertEquals("JSON /status is \"ok\", expected null", get("/json", "json", with("/status", null)).failure());
        }

        @Test
        void booleanExpectedButNullPresentFails() {
            assertEquals("JSON /owner is null, expected true", get("/json", "json", with("/owner", true)).failure());
        }

        @Test
        void missingPointerFailsNamingIt() {
            assertEquals("JSON /items/1/name is missing", get("/json", "json", with("/items/1/name", "second")).failure());
        }

        @Test
        void bodyThatIsNotJsonFails() {
            String failure = get("/ok", "json", with("/status", "ok")).failure();
            assertTrue(failure.startsWith("body is not JSON: Unrecognized token 'all'"), failure);
        }

        @Test
        void pointerWithoutLeadingSlashIsRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", server.url("/json"), "json", with("status", "ok")));
            assertEquals("json", e.param());
            assertEquals("'status' is not a JSON pointer", e.getMessage());
        }
    }

    @Nested
    class Headers {

        @Test
        void headerMatchingItsRegexPasses() {
            get("/headers", "expectHeaders", Map.of("X-Version", "^1\\.2\\.\\d+$")).passes();
        }

        @Test
        void headerNamesAreCaseInsensitive() {
            get("/headers", "expectHeaders", Map.of("cache-control", "no-store")).passes();
        }

        @Test
        void anyValueOfARepeatedHeaderMayMatch() {
            get("/headers", "expectHeaders", Map.of("Vary", "^Origin$")).passes();
        }

        @Test
        void headerNotMatchingFailsShowingValueAndRegex() {
            assertEquals("header X-Version: '1.2.3' does not match /^2\\./",
                    get("/headers", "expectHeaders", Map.of("X-Version", "^2\\.")).failure());
        }

        @Test
        void missingHeaderFailsNamingIt() {
            assertEquals("header Strict-Transport-Security is missing",
                    get("/headers", "expectHeaders", Map.of("Strict-Transport-Security", ".")).failure());
        }
    }

    @Nested
    class Latency {

        @Test
        void slowerThanMaxLatencyFails() {
            String failure = get("/slow", "maxLatency", "100ms").failure();
            assertTrue(failure.matches("took \\d+ ms, more than maxLatency 100ms"), failure);
            int took = Integer.parseInt(failure.replaceAll("\\D+", " ").trim().split(" ")[0]);
            assertTrue(took >= 300, failure);
        }

        @Test
        void withinMaxLatencyPasses() {
            get("/slow", "maxLatency", "1500ms").passes();
        }
    }

    @Nested
    class Redirects {

        @Test
        void redirectIsFollowedToTheFinalResponse() {
            Run run = get("/redirect/found", "bodyContains", "all good").passes();
            assertEquals(server.url("/ok"), run.detail("url"));
            assertEquals(List.of(server.url("/ok")), run.detail("redirects"));
            assertEquals(1.0, run.measurement(NetFamily.HTTP_REDIRECTS).orElseThrow());
            assertEquals(200.0, run.measurement(NetFamily.HTTP_STATUS_CODE).orElseThrow());
        }

        @Test
        void relativeLocationIsResolvedAgainstTheRequestUrl() {
            Run run = get("/redirect/relative/here").passes();
            assertEquals(server.url("/ok"), run.detail("url"));
        }

        @Test
        void redirectIsReportedAsTheStatusWhenNotFollowed() {
            Run run = get("/redirect/found", "followRedirects", false);
            assertEquals("status 302, expected 2xx", run.failure());
            assertEquals(0.0, run.measurement(NetFamily.HTTP_REDIRECTS).orElseThrow());
        }

        @Test
        void redirectWithoutLocationIsTheFinalResponse() {
            assertEquals("status 302, expected 2xx: moved, somewhere", get("/redirect/no-location").failure());
        }

        @Test
        void seeOtherTurnsPostIntoGetWithoutBody() {
            run(HTTP, with("url", server.url("/redirect/see-other"), "method", "POST", "body", "payload")).passes();
            Request landed = server.lastRequest();
            assertEquals("GET /echo", landed.method() + " " + landed.target());
            assertEquals("", landed.bodyText());
        }

        @Test
        void temporaryRedirectRepeatsMethodAndBody() {
            run(HTTP, with("url", server.url("/redirect/temporary"), "method", "POST", "body", "payload")).passes();
            Request landed = server.lastRequest();
            assertEquals("POST /echo", landed.method() + " " + landed.target());
            assertEquals("payload", landed.bodyText());
        }

        @Test
        void credentialsAreKeptOnASameOriginRedirect() {
            run(HTTP, with("url", server.url("/redirect/found"),
                    "headers", Map.of("Authorization", "Bearer secret", "Cookie", "session=1"))).passes();
            Request landed = server.lastRequest();
            assertEquals("/ok", landed.target());
            assertEquals("Bearer secret", landed.header("authorization"));
            assertEquals("session=1", landed.header("cookie"));
        }

        @Test
        void credentialsAreDroppedOnACrossHostRedirect() {
            run(HTTP, with("url", server.url("/redirect/elsewhere"), "headers",
                    Map.of("Authorization", "Bearer secret", "Cookie", "session=1", "X-Request-Id", "abc"))).passes();
            Request landed = other.lastRequest();
            assertEquals("/landing", landed.target());
            assertEquals("localhost:" + other.port(), landed.header("host"));
            assertNull(landed.header("authorization"));
            assertNull(landed.header("cookie"));
            assertEquals("abc", landed.header("x-request-id"));
        }

        @Test
        void credentialsAreDroppedWhenARedirectChangesThePort() {
            run(HTTP, with("url", server.url("/redirect/other-port"),
                    "headers", Map.of("Authorization", "Bearer secret", "X-Request-Id", "abc"))).passes();
            Request landed = other.lastRequest();
            assertEquals("/landing", landed.target());
            assertNull(landed.header("authorization"));
            assertEquals("abc", landed.header("x-request-id"));
        }

        @Test
        void redirectLoopStopsAtMaxRedirectsNamingTheLoop() {
            int before = server.requests().size();
            String failure = get("/loop/a").failure();
            String a = server.url("/loop/a");
            String b = server.url("/loop/b");
            assertEquals("stopped after 10 redirects (redirect loop: " + b + " → " + a + " → " + b + " → " + a + ")",
                    failure);
            assertEquals(11, server.requests().size() - before);
        }

        @Test
        void longChainStopsAtMaxRedirectsNamingTheLastUrl() {
            assertEquals("stopped after 2 redirects (last: " + server.url("/chain/3") + ")",
                    get("/chain/1", "maxRedirects", 2).failure());
        }

        @Test
        void oneRedirectIsCountedInTheSingular() {
            assertEquals("stopped after 1 redirect (last: " + server.url("/chain/2") + ")",
                    get("/chain/1", "maxRedirects", 1).failure());
        }

        @Test
        void noRedirectsAllowedStopsAtTheFirst() {
            assertEquals("stopped after 0 redirects (last: " + server.url("/redirect/found") + ")",
                    get("/redirect/found", "maxRedirects", 0).failure());
        }

        @Test
        void redirectToANonHttpSchemeFails() {
            assertEquals("redirect to an invalid location: 'ftp://files.example.com/x'", get("/redirect/ftp").failure());
        }
    }

    @Nested
    class Requests {

        @Test
        void postSendsBodyAndCustomHeaders() {
            run(HTTP, with("url", server.url("/echo?q=a%20b&x=1"), "method", "post", "body", "{\"name\":\"é\"}",
                    "headers", Map.of("Content-Type", "application/json", "X-Request-Id", "abc-123"))).passes();
            Request received = server.lastRequest();
            assertEquals("POST", received.method());
            assertEquals("/echo?q=a%20b&x=1", received.target());
            assertEquals("{\"name\":\"é\"}", received.bodyText());
            assertEquals("13", received.header("content-length"));
            assertEquals("application/json", received.header("content-type"));
            assertEquals("abc-123", received.header("x-request-id"));
            assertEquals("127.0.0.1:" + server.port(), received.header("host"));
            assertTrue(received.header("user-agent").startsWith("smokegate/"), received.header("user-agent"));
        }

        @Test
        void putWithoutBodySendsZeroContentLength() {
            run(HTTP, with("url", server.url("/echo"), "method", "PUT")).passes();
            assertEquals("0", server.lastRequest().header("content-length"));
        }

        @Test
        void getWithoutBodySendsNoContentLength() {
            get("/echo").passes();
            assertNull(server.lastRequest().header("content-length"));
        }

        @Test
        void customHeaderReplacesTheDefaultOfTheSameName() {
            run(HTTP, with("url", server.url("/echo"), "headers", Map.of("accept", "application/json"))).passes();
            assertEquals(List.of("application/json"), server.lastRequest().headers().get("accept"));
        }

        @Test
        void invalidMethodIsRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", server.url("/"), "method", "GET /x"));
            assertEquals("method", e.param());
            assertEquals("'GET /X' is not an HTTP method", e.getMessage());
        }

        @Test
        void headerValueWithLineBreakIsRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", server.url("/"),
                    "headers", Map.of("X-Evil", "a\r\nInjected: yes")));
            assertEquals("headers", e.param());
            assertEquals("header X-Evil contains a line break", e.getMessage());
        }

        @Test
        void credentialsInTheUrlAreRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", "http://user:pw@127.0.0.1/"));
            assertEquals("url", e.param());
            assertEquals("credentials in the URL would end up in reports", e.getMessage());
        }

        @Test
        void nonHttpUrlIsRejectedWhenTheCheckIsCreated() {
            InvalidParamException e = invalid(HTTP, with("url", "ftp://127.0.0.1/"));
            assertEquals("'ftp://127.0.0.1/' must start with http:// or https://", e.getMessage());
        }
    }

    @Nested
    class Timings {

        @Test
        void everyPlainHttpPhaseIsMeasured() {
            Run run = get("/ok").passes();
            assertEquals(List.of("resolve", "connect", "processing", "transfer"), run.labels(NetFamily.PHASE_DURATION));
            for (String phase : List.of("resolve", "connect", "processing", "transfer")) {
                assertTrue(run.measurement(NetFamily.PHASE_DURATION, phase).orElseThrow() >= 0, phase);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> ms = (Map<String, Object>) run.detail("phasesMs");
            assertEquals(List.of("resolve", "connect", "processing", "transfer"), List.copyOf(ms.keySet()));
        }

        @Test
        void waitingForTheServerCountsAsProcessing() {
            Run run = get("/slow").passes();
            assertTrue(run.measurement(NetFamily.PHASE_DURATION, "processing").orElseThrow() >= 0.3, run.measurements()::toString);
        }

        @Test
        void phasesAreRecordedWhenRedirectsRunOut() {
            Run run = get("/loop/a", "maxRedirects", 3);
            run.failure();
            assertEquals(List.of("resolve", "connect", "processing", "transfer"), run.labels(NetFamily.PHASE_DURATION));
        }

        @Test
        void responseDetailsAreRecorded() {
            Run run = get("/ok").passes();
            assertEquals(server.url("/ok"), run.detail("url"));
            assertEquals("127.0.0.1", run.detail("remoteAddress"));
            assertEquals(200, run.detail("status"));
            assertEquals(8, run.detail("bodyBytes"));
            assertNull(run.detail("redirects"));
        }
    }

    @Nested
    class Ipv6 {

        @Test
        void ipv6LiteralUrlReachesTheServerWithABracketedHostHeader() throws Exception {
            InetAddress v6 = InetAddress.getByName("::1");
            assumeTrue(TestServers.canListenOn(v6), "this machine has no IPv6 loopback");
            AtomicReference<String> head = new AtomicReference<>();
            try (TestServers.Raw v6Server = TestServers.raw(v6, socket -> {
                head.set(TestServers.readRequestHead(socket));
                TestServers.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            })) {
                Run run = run(HTTP, with("url", "http://[::1]:" + v6Server.port() + "/v6")).passes();
                assertEquals("0:0:0:0:0:0:0:1", run.detail("remoteAddress"));
                assertTrue(head.get().startsWith("GET /v6 HTTP/1.1\r\nHost: [::1]:" + v6Server.port() + "\r\n"),
                        head.get());
            }
        }
    }
}
