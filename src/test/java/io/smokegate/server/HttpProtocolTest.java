package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.RawHttpConnection;
import io.smokegate.testing.RawHttpConnection.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProtocolTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path root;

    @Test
    void anH2cUpgradeRequestIsAnsweredInHttp11() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, ApiTestSupport.TOKEN, 1, 1, Duration.ofSeconds(1));
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.app.port() + "/api/v1/openapi.yaml"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        }
    }

    @Test
    void aJsonBodyOverEightKilobytesSentAsAFormIsReadAsJson() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1));
             RawHttpConnection client = new RawHttpConnection(api.app.port())) {
            api.checklist("ok.yaml", HttpChecklists.of("ok", "http://127.0.0.1:9/", "1s"));
            String body = "{\"every\": \"5m\"" + " ".repeat(10_000) + "}";

            Response r = client.exchange("PUT /api/v1/checklists/ok/schedule HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, ANSWER);

            assertEquals(200, r.status(), r.body());
            assertEquals("5m", new ObjectMapper().readTree(r.body()).get("schedule").get("every").asText());
        }
    }

    @Test
    void anOverlongRequestLineIsAnswered414InTheErrorShape() throws Exception {
        assertError("GET /healthz?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: test\r\n\r\n",
                414, "uri_too_long", "the request line (method, path and query) is longer than 8192 bytes");
    }

    @Test
    void oversizedHeadersAreAnswered431InTheErrorShape() throws Exception {
        assertError("GET /healthz HTTP/1.1\r\nHost: test\r\nX-Big: " + "b".repeat(17_000) + "\r\n\r\n",
                431, "headers_too_large", "the request headers are larger than 16384 bytes");
    }

    @Test
    void headIsAnsweredLikeGetWithoutTheBody() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1));
             RawHttpConnection client = new RawHttpConnection(api.app.port())) {
            for (String path : new String[] {"/healthz", "/api/v1/checklists", "/api/v1/checklists/nope", "/api/v1/openapi.yaml"}) {
                Response get = client.exchange("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n", ANSWER);
                client.send("HEAD " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
                Response head = client.headResponse(ANSWER);

                assertEquals(get.status(), head.status(), path);
                assertEquals(get.headers(), head.headers(), path);
            }
            // Had HEAD sent a body, its bytes would now stand where this answer's status line must be.
            assertEquals(200, client.exchange("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n", ANSWER).status());
        }
    }

    private void assertError(String request, int status, String code, String message) throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1));
             RawHttpConnection client = new RawHttpConnection(api.app.port())) {
            Response r = client.exchange(request, ANSWER);

            assertEquals(status, r.status(), r.body());
            assertEquals("application/json; charset=utf-8", r.headers().get("content-type"), r.headers().toString());
            JsonNode error = new ObjectMapper().readTree(r.body());
            assertEquals(code, error.get("error").asText());
            assertEquals(message, error.get("message").asText());
        }
    }
}
