package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flagger's webhook payloads (src/test/resources/flagger) against a real server: gates, refusals, credentials. */
class FlaggerHookTest {

    static final String HOOK = "/api/v1/hooks/flagger";
    static final String FLAGGER = "flagger-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789";
    private static final String OPS = "ops-token-0123456789";
    static final AuthConfig TOKENS = new AuthConfig(List.of(
            new ApiToken("flagger", Set.of(Scope.RUN), FLAGGER),
            new ApiToken("viewer", Set.of(Scope.READ), VIEWER),
            new ApiToken("ops", Set.of(Scope.ADMIN), OPS)), false);

    @TempDir
    Path root;

    /** JUnit makes an instance per test: a target server each, closed after it. */
    private final TargetServer target = new TargetServer();
    private ApiTestSupport api;

    @BeforeEach
    void serve() throws Exception {
        api = new ApiTestSupport(root, TOKENS);
        api.checklist("podinfo-smoke.yaml", GateApiTest.gated("podinfo-smoke", target.url("/ok"), ""));
        api.checklist("podinfo-broken.yaml", GateApiTest.gated("podinfo-broken", target.url("/fail"), ""));
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = FlaggerHookTest.class.getResourceAsStream("/flagger/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** As Flagger sends it: the token as the password of the URL's userinfo, which Go sends as Basic credentials. */
    static HttpResponse<String> deliver(ApiTestSupport api, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(HOOK)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("flagger:" + token)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return api.send(b);
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        return deliver(api, body, FLAGGER);
    }

    private JsonNode audit(String target) throws Exception {
        HttpResponse<String> r = api.get("/api/v1/audit?target=" + target, OPS);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).get("events");
    }

    private void assertRefused(HttpResponse<String> r, int status, String error, String message) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(error, body.get("error").asText(), r.body());
        assertEquals(message, body.get("message").asText());
        assertEquals(2, body.size(), "the one error shape: " + r.body());
    }

    @Test
    void aPreRolloutWebhookWhoseGatePassesIsAnswered200() throws Exception {
        HttpResponse<String> r = deliver(fixture("pre-rollout.json"));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("pass", body.get("result").asText());
        assertEquals("podinfo-smoke", body.get("checklist").asText());
        assertEquals(100, body.get("score").asDouble());
        assertEquals(r.headers().firstValue("Location").orElseThrow(), body.get("verdict").asText());
        assertEquals(1, target.requests());
    }

    @Test
    void aFailedGateIsAnswered412WithTheVerdictsReason() throws Exception {
        HttpResponse<String> r = deliver(fixture("confirm-promotion-failing.json"));

        String verdict = r.headers().firstValue("Location").orElseThrow();
        assertRefused(r, 412, "gate_failed", "checklist 'podinfo-broken' for canary test/podinfo failed the gate: key"
                + " objective 'home-up' failed: 0 misses =1 (verdict " + verdict + ")");
        assertEquals("fail", json(api.get(verdict, VIEWER)).at("/verdict/result").asText());
    }

    @Test
    void aRolloutWebhooksWindowIsTheGatesReleaseWindow() throws Exception {
        HttpResponse<String> r = deliver(fixture("rollout.json"));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pass", json(r).get("result").asText());
    }

    @Test
    void aPostRolloutWebhookAfterPromotionIsGatedToo() throws Exception {
        HttpResponse<String> r = deliver(fixture("post-rollout-succeeded.json"));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode event = audit(json(r).get("verdict").asText().substring("/api/v1/gates/".length())).get(0);
        assertEquals("Succeeded", event.at("/detail/phase").asText());
    }

    @Test
    void aPayloadWithoutChecksumAsOlderFlaggerSendsIsGated() throws Exception {
        assertEquals(200, deliver(fixture("without-checksum.json")).statusCode());
    }

    @Test
    void fieldsFlaggerMayAddLaterAreIgnored() throws Exception {
        String later = fixture("pre-rollout.json").strip().replaceFirst("}$", ", \"hookType\": \"pre-rollout\","
                + " \"labels\": {\"app\": \"podinfo\"}, \"iteration\": 3}");

        HttpResponse<String> r = deliver(later);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pass", json(r).get("result").asText());
    }

    @Test
    void theVerdictIsListedAndAuditedWithTheTokenAndTheCanary() throws Exception {
        HttpResponse<String> r = deliver(fixture("pre-rollout.json"));
        String verdictId = json(r).get("verdict").asText().substring("/api/v1/gates/".length());
        String runId = json(r).get("runId").asText();

        JsonNode listed = json(api.get("/api/v1/gates", VIEWER));
        assertEquals(verdictId, listed.at("/gates/0/id").asText());
        assertEquals("podinfo-smoke", listed.at("/gates/0/checklist").asText());
        JsonNode judged = audit(verdictId).get(0);
        assertEquals("flagger", judged.get("actor").asText());
        assertEquals("gate.evaluate", judged.get("action").asText());
        assertEquals("test/podinfo", judged.at("/detail/canary").asText());
        assertEquals("Progressing", judged.at("/detail/phase").asText());
        assertEquals("85d557f47b", judged.at("/detail/checksum").asText());
        assertEquals(runId, judged.at("/detail/runId").asText());
        JsonNode started = audit(runId).get(0);
        assertEquals("flagger", started.get("actor").asText());
        assertEquals("gate", started.at("/detail/trigger").asText());
    }

    @Test
    void anEventWebhooksNotificationIsAnswered200AndRunsNothing() throws Exception {
        HttpResponse<String> r = deliver(fixture("event.json"));

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).get("ignored").asBoolean(), r.body());
        assertEquals("an event webhook's notification (Normal): nothing is gated; use a pre-rollout, rollout or"
                + " confirm-promotion webhook to gate the canary", json(r).get("reason").asText());
        assertEquals(0, target.requests());
        assertEquals(0, json(api.get("/api/v1/gates", VIEWER)).get("gates").size());
    }

    @Test
    void aGatingWebhookWithOneOfTheEventKeysInItsMetadataIsStillGated() throws Exception {
        HttpResponse<String> r = deliver(fixture("confirm-promotion-failing.json").replace("{\"checklist\"",
                "{\"eventType\": \"Normal\", \"checklist\""));

        assertEquals(412, r.statusCode(), r.body());
        assertEquals(1, target.requests());
    }

    @Test
    void anUnreachablePrometheusIsAnswered503AndStoresAnErrorVerdict() throws Exception {
        int port = Ports.free();
        try (ApiTestSupport withPrometheus = new ApiTestSupport(root.resolve("p"), ApiTestSupport.TOKEN, 1, 2,
                Duration.ofSeconds(2), "http://127.0.0.1:" + port)) {
            withPrometheus.checklist("podinfo-smoke.yaml", GateApiTest.gated("podinfo-smoke", target.url("/ok"),
                    "      - {name: up, promql: up, pass: \">=1\"}\n"));

            HttpResponse<String> r = deliver(withPrometheus, fixture("pre-rollout.json"), ApiTestSupport.TOKEN);

            String verdict = r.headers().firstValue("Location").orElseThrow();
            assertRefused(r, 503, "gate_error", "checklist 'podinfo-smoke' for canary test/podinfo could not be judged:"
                    + " cannot connect to Prometheus at http://127.0.0.1:" + port + ": connection refused; nothing was"
                    + " judged (no score) (verdict " + verdict + ")");
            assertEquals("error", json(withPrometheus.get(verdict)).at("/verdict/result").asText());
        }
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertRefused(deliver("{\"name\": \"podinfo\", "), 400, "bad_request", "request body is not valid JSON: Unexpected"
                + " end-of-input within/between Object entries");
        assertEquals(0, target.requests());
    }

    @Test
    void aWebhookWithoutMetadataIsABadRequestSayingToNameAChecklist() throws Exception {
        assertRefused(deliver(fixture("without-metadata.json")), 400, "bad_request", "the webhook's metadata names no"
                + " checklist: add metadata: {checklist: NAME} to the smokegate webhook of Canary test/podinfo");
        assertEquals(0, target.requests());
    }

    @Test
    void aChecklistThatIsNoStringIsABadRequest() throws Exception {
        assertRefused(deliver("{\"name\": \"podinfo\", \"namespace\": \"test\", \"metadata\": {\"checklist\": 7}}"), 400,
                "bad_request", "metadata.checklist must be a string");
    }

    @Test
    void aPayloadWithoutTheCanarysNameIsABadRequest() throws Exception {
        assertRefused(deliver("{\"namespace\": \"test\", \"metadata\": {\"checklist\": \"podinfo-smoke\"}}"), 400,
                "bad_request", "name (the canary's name) is missing; Flagger sends " + FlaggerWebhook.EXAMPLE);
        assertEquals(0, target.requests());
    }

    @Test
    void aWindowThatIsNoDurationIsABadRequest() throws Exception {
        HttpResponse<String> r = deliver(fixture("rollout.json").replace("\"5m\"", "\"a while\""));

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).get("message").asText().startsWith("metadata.window 'a while' is not a duration of at least 1s; "),
                r.body());
        assertEquals(0, target.requests());
    }

    @Test
    void anUnknownChecklistIsNotFound() throws Exception {
        assertRefused(deliver(fixture("pre-rollout.json").replace("podinfo-smoke", "nope")), 404, "not_found",
                "no checklist named 'nope' in the checklist directory");
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeAnythingRuns() throws Exception {
        String big = fixture("pre-rollout.json").replace("{\"checklist\"", "{\"note\": \"" + "x".repeat(9000) + "\", \"checklist\"");

        assertRefused(deliver(big), 413, "payload_too_large", "the Flagger webhook payload is " + big.length() + " bytes,"
                + " more than the 8192 a webhook may send; keep the smokegate webhook's metadata to checklist and window");
        assertEquals(0, target.requests());
    }

    @Test
    void withoutCredentialsTheHookIs401SayingHowFlaggerSendsThem() throws Exception {
        HttpResponse<String> r = deliver(api, fixture("pre-rollout.json"), null);

        assertRefused(r, 401, "unauthorized", "missing credentials (Authorization: Bearer <token>, or the token as the"
                + " password of the URL's userinfo: http://NAME:TOKEN@host/...): POST /api/v1/hooks/flagger needs a token"
                + " with scope 'run'");
        assertEquals("Bearer realm=\"smokegate\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(0, target.requests());
    }

    @Test
    void aWrongTokenAsTheBasicPasswordIs401() throws Exception {
        assertRefused(deliver(api, fixture("pre-rollout.json"), "wrong-token"), 401, "unauthorized",
                "invalid token as the password of the Basic credentials");
        assertEquals(0, target.requests());
    }

    @Test
    void basicCredentialsThatAreNotBase64OfUserAndPasswordAre401() throws Exception {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri(HOOK)).header("Authorization", "Basic %%%")
                .POST(HttpRequest.BodyPublishers.ofString(fixture("pre-rollout.json"))));

        assertRefused(r, 401, "unauthorized", "malformed Basic credentials (base64 of NAME:TOKEN)");
    }

    @Test
    void aTokenWithoutScopeRunIs403() throws Exception {
        assertRefused(deliver(api, fixture("pre-rollout.json"), VIEWER), 403, "forbidden",
                "token 'viewer' lacks scope 'run' needed for POST /api/v1/hooks/flagger");
        assertEquals(0, target.requests());
    }

    @Test
    void theBearerTokenIsAcceptedToo() throws Exception {
        assertEquals(200, api.post(HOOK, FLAGGER, fixture("pre-rollout.json")).statusCode());
    }

    @Test
    void basicCredentialsOpenNoOtherRoute() throws Exception {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/gates")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("flagger:" + FLAGGER).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"checklist\": \"podinfo-smoke\"}")));

        assertRefused(r, 401, "unauthorized", "missing bearer token (Authorization: Bearer <token>)");
        assertEquals(0, target.requests());
    }
}
