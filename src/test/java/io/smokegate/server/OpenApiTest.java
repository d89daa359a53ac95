package io.smokegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {

    @TempDir
    Path root;

    @Test
    void theServedDocumentDescribesExactlyTheRoutesTheServerHas() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, ApiTestSupport.TOKEN, 1, 1, Duration.ofSeconds(1))) {
            HttpResponse<String> r = api.get("/api/v1/openapi.yaml");
            assertEquals(200, r.statusCode());
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.body());
            assertEquals("3.0.3", doc.get("openapi").asText());
            Set<String> documented = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{([a-z]+)}", ":$1"))));
            Set<String> served = new TreeSet<>(api.app.api().routes());
            assertEquals(served, documented);
        }
    }

    @Test
    void everyListDocumentsTheOneLimitMaximum() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApiTest.class.getResourceAsStream("/openapi.yaml"));
        JsonNode limit = doc.at("/components/parameters/Limit");
        assertEquals(Limits.MAX, limit.at("/schema/maximum").asInt());
        assertEquals(Limits.DEFAULT, limit.at("/schema/default").asInt());
        List<String> lists = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            for (JsonNode p : op.getValue().path("parameters")) {
                assertFalse(p.path("name").asText().equals("limit"), op.getKey() + " " + path.getKey() + " has a limit of its own");
                if (p.path("$ref").asText().equals("#/components/parameters/Limit")) {
                    lists.add(path.getKey());
                }
            }
        }));
        assertEquals(List.of("/api/v1/runs", "/api/v1/gates", "/api/v1/alerts"), lists);
    }

    @Test
    void everyMutatingOperationRequiresTheBearerToken() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApiTest.class.getResourceAsStream("/openapi.yaml"));
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("post", "put", "delete").contains(op.getKey())) {
                assertTrue(op.getValue().has("security"), op.getKey() + " " + path.getKey() + " has no security");
                assertTrue(op.getValue().get("responses").has("401"), op.getKey() + " " + path.getKey() + " lacks 401");
            }
        }));
    }
}
