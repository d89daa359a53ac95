package io.smokegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProtocolTest {

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
}
