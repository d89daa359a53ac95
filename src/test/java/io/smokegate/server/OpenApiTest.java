package io.smokegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
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
        assertEquals(List.of("/api/v1/runs", "/api/v1/gates", "/api/v1/analyses", "/api/v1/alerts", "/api/v1/audit", "/api/v1/techdebt/scans",
                "/api/v1/chaos/experiments", "/api/v1/deployments", "/api/v1/attributions"), lists);
    }

    @Test
    void everyOperationUnderApiV1NamesItsScopeAndItsAuthAnswers() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApiTest.class.getResourceAsStream("/openapi.yaml"));
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + path.getKey();
            if (path.getKey().startsWith("/api/v1/") && !path.getKey().equals("/api/v1/openapi.yaml")) {
                assertTrue(Scope.labels().contains(op.getValue().path("x-scope").asText()), where + " has no x-scope");
                assertTrue(op.getValue().has("security"), where + " has no security");
                assertTrue(op.getValue().get("responses").has("401") && op.getValue().get("responses").has("403"),
                        where + " lacks 401 or 403");
            } else {
                assertFalse(op.getValue().has("security") || op.getValue().has("x-scope"), where + " is open but says it is not");
            }
        }));
    }

    @Test
    void everyOperationDemandsTheScopeItsDocumentNames() throws Exception {
        List<ApiToken> tokens = new ArrayList<>();
        for (Scope scope : List.of(Scope.READ, Scope.RUN, Scope.CHAOS, Scope.ADMIN)) {
            Set<Scope> others = EnumSet.complementOf(EnumSet.of(scope, Scope.ADMIN));
            tokens.add(new ApiToken("without-" + scope.label(), others, "without-" + scope.label() + "-secret"));
            tokens.add(new ApiToken("only-" + scope.label(), Set.of(scope), "only-" + scope.label() + "-secret"));
        }
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApiTest.class.getResourceAsStream("/openapi.yaml"));
        try (ApiTestSupport api = new ApiTestSupport(root, new AuthConfig(tokens, false))) {
            api.checklist("ok.yaml", ApiTestSupport.httpChecklist("ok", "http://127.0.0.1:9/", "1s"));
            for (var path : doc.get("paths").properties()) {
                for (var op : path.getValue().properties()) {
                    String scope = op.getValue().path("x-scope").asText();
                    if (scope.isEmpty()) {
                        continue;
                    }
                    String method = op.getKey().toUpperCase(Locale.ROOT);
                    String concrete = AuthTest.concrete(path.getKey().replaceAll("\\{([a-z]+)}", ":$1"));
                    HttpResponse<String> refused = api.request(method, concrete, "without-" + scope + "-secret");
                    assertEquals(403, refused.statusCode(), method + " " + path.getKey() + ": " + refused.body());
                    assertEquals("token 'without-" + scope + "' lacks scope '" + scope + "' needed for " + method + " "
                            + path.getKey(), ApiTestSupport.json(refused).get("message").asText());
                    HttpResponse<String> allowed = api.request(method, concrete, "only-" + scope + "-secret");
                    assertFalse(allowed.statusCode() == 401 || allowed.statusCode() == 403,
                            method + " " + path.getKey() + " refused its own scope: " + allowed.body());
                }
            }
        }
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
