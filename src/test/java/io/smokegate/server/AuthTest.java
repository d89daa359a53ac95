package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import io.smokegate.testing.PostgresCluster;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token scopes on a real server over real HTTP: who may read, run and administer, and what anonymous callers see. */
class AuthTest {

    static final String VIEWER = "viewer-token-0123456789";
    static final String CI = "ci-token-0123456789";
    static final String OPS = "ops-token-0123456789";
    static final String ALERTMANAGER = "alertmanager-token-0123456789";
    static final AuthConfig TOKENS = new AuthConfig(List.of(
            new ApiToken("viewer", Set.of(Scope.READ), VIEWER),
            new ApiToken("ci", Set.of(Scope.READ, Scope.RUN), CI),
            new ApiToken("ops", Set.of(Scope.ADMIN), OPS),
            new ApiToken("alertmanager", Set.of(Scope.RUN), ALERTMANAGER)), false);
    private static final String UNKNOWN_ID = "01a20107-0153-7033-b446-247a6ff7eac3";

    @TempDir
    Path root;

    /** JUnit makes an instance per test: a target server each, closed after it. */
    private final TargetServer target = new TargetServer();
    private ApiTestSupport api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        target.close();
    }

    private ApiTestSupport serve(AuthConfig auth) throws Exception {
        api = new ApiTestSupport(root, auth);
        api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
        return api;
    }

    @Test
    void aReadTokenCanListChecklistsButCannotStartARun() throws Exception {
        serve(TOKENS);
        assertEquals(200, api.get("/api/v1/checklists", VIEWER).statusCode());
        HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs", VIEWER);
        assertEquals(403, r.statusCode());
        assertEquals("forbidden", json(r).get("error").asText());
        assertEquals("token 'viewer' lacks scope 'run' needed for POST /api/v1/checklists/{name}/runs",
                json(r).get("message").asText());
        assertEquals(0, target.requests());
    }

    @Test
    void aRunTokenCanStartRunsButCannotChangeSchedules() throws Exception {
        serve(TOKENS);
        HttpResponse<String> run = api.post("/api/v1/checklists/ok/runs?wait=true", CI);
        assertEquals(200, run.statusCode(), run.body());
        assertEquals("passed", json(run).get("status").asText());
        HttpResponse<String> r = api.put("/api/v1/checklists/ok/schedule", CI, "{\"every\": \"5m\"}");
        assertEquals(403, r.statusCode());
        assertEquals("token 'ci' lacks scope 'admin' needed for PUT /api/v1/checklists/{name}/schedule",
                json(r).get("message").asText());
        assertEquals(403, api.delete("/api/v1/checklists/ok/schedule", CI).statusCode());
    }

    @Test
    void anAdminTokenPassesTheGuardOfEveryRoute() throws Exception {
        serve(TOKENS);
        everyGuardedRouteCalledWith(OPS).forEach((route, r) -> assertFalse(r.statusCode() == 401 || r.statusCode() == 403,
                route + " answered " + r.statusCode() + ": " + r.body()));
        assertEquals(200, api.put("/api/v1/checklists/ok/schedule", OPS, "{\"every\": \"5m\"}").statusCode());
        assertEquals(204, api.delete("/api/v1/checklists/ok/schedule", OPS).statusCode());
    }

    @Test
    void everyApiRouteRefusesAnonymousCallersByDefault() throws Exception {
        serve(TOKENS);
        everyGuardedRouteCalledWith(null).forEach((route, r) -> assertEquals(401, r.statusCode(), route + ": " + r.body()));
        assertEquals(0, target.requests());
    }

    @Test
    void anAnonymousReadIsUnauthorizedByDefaultNamingTheScope() throws Exception {
        serve(TOKENS);
        HttpResponse<String> r = api.get("/api/v1/runs", null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"smokegate\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("missing bearer token (Authorization: Bearer <token>): GET /api/v1/runs needs a token with scope 'read'",
                json(r).get("message").asText());
    }

    @Test
    void anonymousReadsAreServedWhenAnonymousReadIsOn() throws Exception {
        serve(TOKENS.withAnonymousRead(true));
        assertEquals(200, api.get("/api/v1/checklists", null).statusCode());
        assertEquals(200, api.get("/api/v1/runs", null).statusCode());
        assertEquals(401, api.post("/api/v1/checklists/ok/runs", null).statusCode());
        assertEquals(0, target.requests());
    }

    @Test
    void anUnknownTokenIsUnauthorizedWithABearerChallenge() throws Exception {
        serve(TOKENS);
        HttpResponse<String> r = api.get("/api/v1/runs", "not-a-token");
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"smokegate\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("invalid bearer token", json(r).get("message").asText());
    }

    @Test
    void anUnknownTokenIsUnauthorizedEvenWhereAnonymousCallersMayRead() throws Exception {
        serve(TOKENS.withAnonymousRead(true));
        assertEquals(401, api.get("/api/v1/runs", "not-a-token").statusCode());
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIsUnauthorized() throws Exception {
        serve(TOKENS);
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/runs"))
                .header("Authorization", "Basic dmlld2VyOnNlY3JldA==").GET());
        assertEquals(401, r.statusCode());
        assertEquals("missing bearer token (Authorization: Bearer <token>)", json(r).get("message").asText());
    }

    @Test
    void alertmanagersRunTokenCanDeliverAlertsButNotReadThem() throws Exception {
        serve(TOKENS);
        assertEquals(200, api.post("/api/v1/alerts", ALERTMANAGER, AlertApiTest.FIRING).statusCode());
        HttpResponse<String> r = api.get("/api/v1/alerts", ALERTMANAGER);
        assertEquals(403, r.statusCode());
        assertEquals("token 'alertmanager' lacks scope 'read' needed for GET /api/v1/alerts", json(r).get("message").asText());
    }

    @Test
    void healthReadinessMetricsAndTheOpenApiDocumentNeedNoTokenWhateverTheClientSends() throws Exception {
        serve(TOKENS);
        for (String path : List.of("/healthz", "/readyz", "/metrics", "/api/v1/openapi.yaml")) {
            assertEquals(200, api.get(path, null).statusCode(), path);
            assertEquals(200, api.get(path, "not-a-token").statusCode(), path);
        }
    }

    @Test
    void readinessHidesTheChecklistDirectoryFromAnonymousCallers() throws Exception {
        serve(TOKENS);
        deleteChecklistDirectory();
        HttpResponse<String> anonymous = api.get("/readyz", null);
        assertEquals(503, anonymous.statusCode());
        assertEquals("checklists: the checklist directory cannot be read (a request with a valid token shows why)",
                json(anonymous).get("reason").asText());
        assertFalse(anonymous.body().contains(root.toString()), anonymous.body());
        HttpResponse<String> viewer = api.get("/readyz", VIEWER);
        assertEquals(503, viewer.statusCode());
        assertTrue(json(viewer).get("reason").asText().contains(api.checklists.toString()), viewer.body());
    }

    @Test
    void readinessHidesTheDatabaseUrlFromAnonymousCallers() throws Exception {
        String url = PostgresCluster.shared().newDatabase("readiness");
        api = new ApiTestSupport(root, TOKENS, url);
        assertEquals(200, api.get("/readyz", null).statusCode());
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(PostgresCluster.shared().jdbcUrl("postgres"), PostgresCluster.USER, null);
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
        HttpResponse<String> anonymous = api.get("/readyz", null);
        assertEquals(503, anonymous.statusCode());
        assertEquals("database: the database cannot be used (a request with a valid token shows why)",
                json(anonymous).get("reason").asText());
        assertFalse(anonymous.body().contains("jdbc:") || anonymous.body().contains(database), anonymous.body());
        HttpResponse<String> viewer = api.get("/readyz", VIEWER);
        assertEquals(503, viewer.statusCode());
        assertTrue(json(viewer).get("reason").asText().contains(url), viewer.body());
    }

    @Test
    void anUnknownChecklistIsNotFoundWithoutTheDirectoryPath() throws Exception {
        serve(TOKENS);
        HttpResponse<String> r = api.get("/api/v1/checklists/nope", VIEWER);
        assertEquals(404, r.statusCode());
        assertEquals("no checklist named 'nope' in the checklist directory", json(r).get("message").asText());
        HttpResponse<String> run = api.post("/api/v1/checklists/nope/runs", CI);
        assertEquals(404, run.statusCode());
        assertFalse(run.body().contains(root.toString()), run.body());
    }

    @Test
    void checklistProblemsNameFilesRelativeToTheChecklistDirectory() throws Exception {
        serve(TOKENS);
        api.checklist("ok-copy.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
        HttpResponse<String> r = api.get("/api/v1/checklists", VIEWER);
        assertEquals(200, r.statusCode());
        assertEquals("ok.yaml: checklist name 'ok' is already used by ok-copy.yaml",
                json(r).at("/invalid/0/problems/0").asText());
        assertFalse(r.body().contains(root.toString()), r.body());
    }

    @Test
    void anUnreadableChecklistDirectoryIsNotNamedToAnonymousReaders() throws Exception {
        serve(TOKENS.withAnonymousRead(true));
        deleteChecklistDirectory();
        HttpResponse<String> anonymous = api.get("/api/v1/checklists", null);
        assertEquals(503, anonymous.statusCode());
        assertEquals("cannot read the checklist directory (the server log has the details)",
                json(anonymous).get("message").asText());
        HttpResponse<String> viewer = api.get("/api/v1/checklists", VIEWER);
        assertEquals(503, viewer.statusCode());
        assertTrue(json(viewer).get("message").asText().contains(api.checklists.toString()), viewer.body());
    }

    /** The answer of every route under /api/v1 but the OpenAPI document, by "METHOD /path", to this token. */
    private Map<String, HttpResponse<String>> everyGuardedRouteCalledWith(String token) throws Exception {
        Map<String, HttpResponse<String>> out = new LinkedHashMap<>();
        for (String route : api.app.api().routes()) {
            String[] methodAndPath = route.split(" ", 2);
            if (methodAndPath[1].startsWith("/api/v1/") && !methodAndPath[1].equals("/api/v1/openapi.yaml")) {
                out.put(route, api.request(methodAndPath[0], concrete(methodAndPath[1]), token));
            }
        }
        assertTrue(out.size() >= 15, "routes: " + out.keySet());
        return out;
    }

    private void deleteChecklistDirectory() throws Exception {
        try (var files = Files.list(api.checklists)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(api.checklists);
    }

    /** A route's path with its parameters filled in: checklist ok, an unknown run, verdict or notification id. */
    static String concrete(String routePath) {
        return routePath.replace(":name", "ok").replace(":id", UNKNOWN_ID);
    }
}
