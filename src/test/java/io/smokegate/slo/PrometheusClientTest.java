package io.smokegate.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.Ports;
import io.smokegate.testing.PrometheusServer;
import io.smokegate.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries against a real Prometheus, and against servers that misbehave in ways Prometheus does not. */
class PrometheusClientTest {

    @TempDir
    static Path dir;
    private static PrometheusServer prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheus() throws Exception {
        prometheus = PrometheusServer.start(dir, "global: {scrape_interval: 1s}\n");
        client = new PrometheusClient(URI.create(prometheus.url()), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        prometheus.close();
    }

    private static SliValue query(String promql) throws PrometheusException {
        return client.query(promql, Instant.now());
    }

    @Test
    void aScalarIsItsValue() throws PrometheusException {
        assertEquals(new SliValue.Measured(3), query("1 + 2"));
    }

    @Test
    void aSingleSeriesIsItsValue() throws PrometheusException {
        assertEquals(new SliValue.Measured(0.25), query("vector(0.25)"));
    }

    @Test
    void noSeriesIsAMissingValue() throws PrometheusException {
        assertEquals(new SliValue.Missing("the query returned no series"), query("smokegate_metric_that_does_not_exist"));
    }

    @Test
    void nanIsAMissingValue() throws PrometheusException {
        assertEquals(new SliValue.Missing("the value is NaN"), query("0 / 0"));
    }

    @Test
    void infinityIsAValue() throws PrometheusException {
        assertEquals(new SliValue.Measured(Double.POSITIVE_INFINITY), query("1 / 0"));
    }

    @Test
    void severalSeriesAreAMissingValueThatSaysHowToAggregate() throws PrometheusException {
        SliValue v = query("label_replace(vector(1), \"a\", \"x\", \"\", \"\") or label_replace(vector(2), \"a\", \"y\", \"\", \"\")");
        assertEquals(new SliValue.Missing("the query returned 2 series; aggregate it to one, e.g. max(...) or sum(...)"), v);
    }

    @Test
    void aRangeVectorIsAMissingValueThatSaysHowToWrapIt() throws PrometheusException {
        assertEquals(new SliValue.Missing("the query returned a range vector; wrap it, e.g. avg_over_time(...)"),
                query("prometheus_build_info[1m]"));
    }

    @Test
    void anExpressionPrometheusRejectsIsABadQueryWithItsMessage() {
        PrometheusException e = assertThrows(PrometheusException.class, () -> query("sum(up"));
        assertEquals(PrometheusException.Kind.BAD_QUERY, e.kind());
        assertTrue(e.getMessage().startsWith("Prometheus answered HTTP 400, bad_data: "), e.getMessage());
    }

    @Test
    void aPrometheusThatIsNotThereIsUnreachableSayingTheConnectionWasRefused() {
        int port = Ports.free();
        PrometheusClient down = new PrometheusClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        PrometheusException e = assertThrows(PrometheusException.class, () -> down.query("1", Instant.now()));
        assertEquals(PrometheusException.Kind.UNREACHABLE, e.kind());
        assertEquals("cannot connect to Prometheus at http://127.0.0.1:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void aPrometheusWhoseNameDoesNotResolveIsUnreachableNamingTheHost() {
        PrometheusClient nowhere = new PrometheusClient(URI.create("http://no-such-host.invalid:9090/prom/"), Duration.ofSeconds(2));
        PrometheusException e = assertThrows(PrometheusException.class, () -> nowhere.query("1", Instant.now()));
        assertEquals(PrometheusException.Kind.UNREACHABLE, e.kind());
        assertEquals("cannot connect to Prometheus at http://no-such-host.invalid:9090/prom/: DNS lookup failed for "
                + "no-such-host.invalid", e.getMessage());
    }

    @Test
    void anOverloadedPrometheusIsUnreachableNotABadQuery() throws Exception {
        try (TestServers.Http server = TestServers.http().route("/", ex -> TestServers.respond(ex, 503,
                "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many queries\"}",
                "Content-Type", "application/json"))) {
            PrometheusException e = assertThrows(PrometheusException.class, () ->
                    new PrometheusClient(URI.create(server.url("/")), Duration.ofSeconds(2)).query("1", Instant.now()));
            assertEquals(PrometheusException.Kind.UNREACHABLE, e.kind());
            assertEquals("Prometheus answered HTTP 503, unavailable: too many queries", e.getMessage());
        }
    }

    @Test
    void aServerThatIsNotPrometheusIsUnreachable() throws Exception {
        try (TestServers.Http server = TestServers.http().route("/", ex -> TestServers.respond(ex, 200,
                "<html>login</html>", "Content-Type", "text/html"))) {
            PrometheusException e = assertThrows(PrometheusException.class, () ->
                    new PrometheusClient(URI.create(server.url("/")), Duration.ofSeconds(2)).query("1", Instant.now()));
            assertEquals(PrometheusException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().endsWith("is not an answer of Prometheus's API"), e.getMessage());
        }
    }

    @Test
    void anAnswerOverTheLimitIsRefusedUnread() throws Exception {
        String huge = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + "{},".repeat(400_000) + "{}]}}";
        try (TestServers.Http server = TestServers.http().route("/", ex -> TestServers.respond(ex, 200, huge))) {
            PrometheusException e = assertThrows(PrometheusException.class, () ->
                    new PrometheusClient(URI.create(server.url("/")), Duration.ofSeconds(5)).query("1", Instant.now()));
            assertEquals(PrometheusException.Kind.BAD_QUERY, e.kind());
            assertTrue(e.getMessage().contains("larger than 1024 KiB"), e.getMessage());
        }
    }

    @Test
    void aPrometheusThatNeverAnswersTimesOut() throws Exception {
        try (TestServers.Http server = TestServers.http().route("/", ex -> {
            Thread.sleep(5000);
            TestServers.respond(ex, 200, "{}");
        })) {
            long start = System.nanoTime();
            PrometheusException e = assertThrows(PrometheusException.class, () ->
                    new PrometheusClient(URI.create(server.url("/")), Duration.ofMillis(500)).query("1", Instant.now()));
            assertEquals(PrometheusException.Kind.UNREACHABLE, e.kind());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
        }
    }

    @Test
    void credentialsInTheUrlBecomeBasicAuthAndStayOutOfMessages() throws Exception {
        try (TestServers.Http server = TestServers.http().route("/", ex -> TestServers.respond(ex, 500, "oops"))) {
            URI url = URI.create(server.url("/").replace("http://", "http://reader:s3cret@") + "prom");
            PrometheusException e = assertThrows(PrometheusException.class, () ->
                    new PrometheusClient(url, Duration.ofSeconds(2)).query("up", Instant.now()));
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            TestServers.Request sent = server.lastRequest();
            assertEquals("Basic cmVhZGVyOnMzY3JldA==", sent.header("authorization"));
            assertEquals("/prom/api/v1/query", sent.target());
            assertTrue(sent.bodyText().startsWith("query=up&time="), sent.bodyText());
        }
    }

    @Test
    void onlyHttpUrlsWithoutQueryStringsAreAccepted() {
        assertEquals("http://prometheus:9090", PrometheusClient.parseUrl(" http://prometheus:9090 ").toString());
        for (String bad : new String[] {"prometheus:9090", "ftp://prometheus", "http://prometheus/?x=1", "http://"}) {
            assertThrows(IllegalArgumentException.class, () -> PrometheusClient.parseUrl(bad), bad);
        }
    }
}
