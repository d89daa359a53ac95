package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.config.AttributionConfig;
import io.smokegate.store.AttributionStore;
import io.smokegate.store.Database;
import io.smokegate.testing.OneCulpritHistory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution through the API, against a repository built by the test: a deploy of twenty commits where only one
 * touches the service's paths (the culprit), service {@code api} mapped to it in the config.
 */
class AttributionApiTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final String FINGERPRINT = "c0ffee0123456789";

    @TempDir
    Path root;
    private String base;
    private String culprit;
    private String deployed;
    private ApiTestSupport api;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @BeforeEach
    void repository() {
        OneCulpritHistory history = OneCulpritHistory.build(root.resolve("shop"));
        base = history.base();
        culprit = history.culprit();
        deployed = history.deployed();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private ApiTestSupport start(Map<String, AttributionConfig.Service> services) throws Exception {
        AttributionConfig config = new AttributionConfig(services, AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT);
        api = new ApiTestSupport(root, c -> c.withAttribution(config));
        return api;
    }

    private ApiTestSupport startWithShop() throws Exception {
        return start(Map.of("api", new AttributionConfig.Service(root.resolve("shop"), List.of("services/api/**"), "prod",
                Optional.empty())));
    }

    private void deploy(String commit, Instant time) throws Exception {
        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN, "{\"service\": \"api\", \"environment\": \"prod\", "
                + "\"repository\": \"https://github.com/acme/shop\", \"commit\": \"" + commit + "\", \"time\": \"" + time + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private static String alert(String status, String service, Instant startsAt, Instant endsAt) {
        return "{\"status\": \"" + status + "\", \"labels\": {\"alertname\": \"HighErrorRate\", \"service\": \"" + service
                + "\"}, \"annotations\": {\"summary\": \"5xx above 0.5 %\"}, \"startsAt\": \"" + startsAt + "\", \"endsAt\": \""
                + (endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString()) + "\", \"fingerprint\": \"" + FINGERPRINT + "\"}";
    }

    private static String webhook(String status, Instant endsAt) {
        return "{\"version\": \"4\", \"status\": \"" + status + "\", \"receiver\": \"smokegate\", \"groupKey\": \"{}\", "
                + "\"alerts\": [" + alert(status, "api", at(300), endsAt) + "]}";
    }

    /** Polls the attributions of the test's alert until {@code done} holds, for 20 s at most. */
    private JsonNode awaitAttributions(Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode list = null;
        while (System.nanoTime() < deadline) {
            list = json(api.get("/api/v1/attributions?fingerprint=" + FINGERPRINT)).get("attributions");
            if (done.test(list)) {
                return list;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("attributions did not arrive within 20 s: " + list);
    }

    @Test
    void deploymentsThenAnAlertRankTheCulpritFirst() throws Exception {
        startWithShop();
        deploy(base, at(5));
        deploy(deployed, at(220));

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, alert("firing", "api", at(300), null));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(culprit, body.get("suspects").get(0).get("commit").asText());
        assertEquals("high", body.get("confidence").asText());
        assertEquals(deployed, body.get("deploy").get("commit").asText());
        assertEquals(base, body.get("deploy").get("previousCommit").asText());
        JsonNode stored = json(api.get("/api/v1/attributions/" + body.get("id").asText()));
        assertEquals(culprit, stored.get("suspects").get(0).get("commit").asText());
    }

    @Test
    void deploymentsAreListedNewestFirst() throws Exception {
        startWithShop();
        deploy(base, at(5));
        deploy(deployed, at(220));

        JsonNode list = json(api.get("/api/v1/deployments?service=api")).get("deployments");

        assertEquals(List.of(deployed, base), List.of(list.get(0).get("commit").asText(), list.get(1).get("commit").asText()));
        assertEquals(at(220).toString(), list.get(0).get("time").asText());
    }

    @Test
    void aDeploymentWithABadCommitIsRefusedNamingTheField() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN, "{\"service\": \"api\", \"commit\": \"main\"}");

        assertEquals(400, r.statusCode());
        assertEquals("commit: 'main' is not a commit id (the deployed commit's hex id)", json(r).get("message").asText());
    }

    @Test
    void aDeploymentWithABadTimeIsRefusedNamingTheField() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN,
                "{\"service\": \"api\", \"commit\": \"" + base + "\", \"time\": \"yesterday\"}");

        assertEquals(400, r.statusCode());
        assertEquals("time: 'yesterday' is not an RFC 3339 time such as 2026-12-06T10:00:00Z", json(r).get("message").asText());
    }

    @Test
    void postingADeploymentNeedsTheRunScope() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.post("/api/v1/deployments", ApiTestSupport.READ_TOKEN,
                "{\"service\": \"api\", \"commit\": \"" + base + "\"}");

        assertEquals(403, r.statusCode());
    }

    @Test
    void aFiringWebhookAlertIsAttributedAndListedByFingerprint() throws Exception {
        startWithShop();
        deploy(base, at(5));
        deploy(deployed, at(220));

        HttpResponse<String> r = api.post("/api/v1/alerts", TOKEN, webhook("firing", null));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode list = awaitAttributions(l -> l.size() == 1);
        assertEquals("HighErrorRate", list.get(0).get("alertname").asText());
        assertEquals("api", list.get(0).get("service").asText());
        assertEquals("high", list.get(0).get("confidence").asText());
        JsonNode one = json(api.get(list.get(0).get("location").asText()));
        assertEquals(culprit, one.get("suspects").get(0).get("commit").asText());
    }

    @Test
    void twoConcurrentWebhooksForOneAlertStoreOneAttribution() throws Exception {
        startWithShop();
        deploy(deployed, at(220));

        List<CompletableFuture<HttpResponse<String>>> sent = List.of(
                CompletableFuture.supplyAsync(() -> post(webhook("firing", null))),
                CompletableFuture.supplyAsync(() -> post(webhook("firing", null))));
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            assertEquals(200, f.join().statusCode());
        }
        awaitAttributions(l -> l.size() >= 1);
        // Closing waits for the attributions under way: whatever the second webhook started has finished by then.
        api.close();

        try (Database db = Database.open(api.dataDir, null, null, null)) {
            assertEquals(1, new AttributionStore(db).list(AttributionStore.Query.ALL, 100).size());
        }
    }

    private HttpResponse<String> post(String body) {
        try {
            return api.post("/api/v1/alerts", TOKEN, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aResolvedNotificationRecordsTheRecoveryTime() throws Exception {
        startWithShop();
        deploy(deployed, at(220));
        api.post("/api/v1/alerts", TOKEN, webhook("firing", null));
        awaitAttributions(l -> l.size() == 1);

        api.post("/api/v1/alerts", TOKEN, webhook("resolved", at(300).plusSeconds(754)));

        JsonNode list = awaitAttributions(l -> l.size() == 1 && !l.get(0).get("recoverySeconds").isNull());
        assertEquals(754, list.get(0).get("recoverySeconds").asLong());
        assertEquals(at(300).plusSeconds(754).toString(), list.get(0).get("resolvedAt").asText());
    }

    @Test
    void anAlertOfAnUnknownServiceIsAnsweredWithConfidenceNoneAndTheNote() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, alert("firing", "billing", at(300), null));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("none", json(r).get("confidence").asText());
        assertEquals("no mapping: service billing is not in attribution.services, so no repository is known for it",
                json(r).get("note").asText());
        assertEquals(0, json(r).get("suspects").size());
    }

    @Test
    void aServiceWhoseRepositoryIsMissingIsA503AndTheServerKeepsServing() throws Exception {
        Path ghost = root.resolve("no-such-repo");
        start(Map.of("api", new AttributionConfig.Service(ghost, List.of(), null, Optional.empty())));

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, alert("firing", "api", at(300), null));

        assertEquals(503, r.statusCode());
        assertEquals("repository_unavailable", json(r).get("error").asText());
        assertEquals("the repository of service api cannot be opened: " + ghost + ": no such directory "
                + "(attribution.services.api.repository)", json(r).get("message").asText());
        assertEquals(200, api.get("/api/v1/deployments").statusCode());
    }

    @Test
    void aRemoteRepositoryIsClonedIntoTheDataDirectoryAndRanksTheCulpritFirst() throws Exception {
        Path bare = root.resolve("shop.git");
        Git.cloneRepository().setURI(root.resolve("shop").toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                .call().close();
        start(Map.of("api", new AttributionConfig.Service(bare.toUri().toString(), List.of("services/api/**"), "prod",
                Optional.empty())));
        deploy(base, at(5));
        deploy(deployed, at(220));

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, alert("firing", "api", at(300), null));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(culprit, json(r).get("suspects").get(0).get("commit").asText());
        assertTrue(Files.isDirectory(api.dataDir.resolve("repos/api.git/objects")));
    }

    @Test
    void aRemoteRepositoryThatCannotBeFetchedIsA503WithTheReasonAndTheServerKeepsServing() throws Exception {
        start(Map.of("api", new AttributionConfig.Service("http://127.0.0.1:1/x.git", List.of(), null, Optional.empty())));

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, alert("firing", "api", at(300), null));

        assertEquals(503, r.statusCode());
        assertEquals("repository_unavailable", json(r).get("error").asText());
        assertEquals("repository 'api' (http://127.0.0.1:1/x.git) could not be cloned: Connection refused 127.0.0.1; "
                + "check the URL and that this host can reach it (attribution.services.api.repository)",
                json(r).get("message").asText());
        assertEquals(200, api.get("/api/v1/deployments").statusCode());
    }

    @Test
    void doraFiguresCountTheAttributedDeployAsFailedWithLeadAndRecoveryTimes() throws Exception {
        startWithShop();
        deploy(base, at(5));
        deploy(deployed, at(220));
        assertEquals(200, api.post("/api/v1/attributions", TOKEN, alert("firing", "api", at(300), null)).statusCode());
        api.post("/api/v1/alerts", TOKEN, webhook("resolved", at(300).plusSeconds(754)));
        awaitAttributions(l -> l.size() == 1 && !l.get(0).get("recoverySeconds").isNull());

        HttpResponse<String> r = api.get("/api/v1/dora?service=api&from=" + T0 + "&to=" + T0.plus(Duration.ofDays(1)));

        assertEquals(200, r.statusCode(), r.body());
        JsonNode dora = json(r).get("dora");
        assertEquals(1, dora.size(), r.body());
        JsonNode f = dora.get(0);
        assertEquals("api", f.get("service").asText());
        assertEquals("prod", f.get("environment").asText());
        assertEquals(2, f.get("deployments").asInt());
        assertEquals(2.0, f.get("deploymentsPerDay").asDouble());
        // base committed at minute 0, deployed at 5; the release committed at 210, deployed at 220: median 450 s.
        assertEquals(450, f.get("leadTimeMedianSeconds").asLong());
        assertEquals(0.5, f.get("changeFailRate").asDouble());
        assertEquals(754, f.get("recoveryTimeMedianSeconds").asLong());
    }

    @Test
    void doraFiguresWithoutAttributionsHaveNoRecoveryTimeAndNoFailures() throws Exception {
        startWithShop();
        deploy("abcdef0123", at(5));

        JsonNode f = json(api.get("/api/v1/dora?from=" + T0 + "&to=" + T0.plus(Duration.ofDays(1)))).get("dora").get(0);

        assertEquals(1, f.get("deployments").asInt());
        assertTrue(f.get("leadTimeMedianSeconds").isNull(), f.toString());
        assertEquals(0.0, f.get("changeFailRate").asDouble());
        assertTrue(f.get("recoveryTimeMedianSeconds").isNull(), f.toString());
    }

    @Test
    void doraRefusesAPeriodThatEndsBeforeItStarts() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.get("/api/v1/dora?from=" + at(10) + "&to=" + at(5));

        assertEquals(400, r.statusCode());
        assertEquals("from (" + at(10) + ") must be before to (" + at(5) + ")", json(r).get("message").asText());
    }

    @Test
    void anAlertWithoutStartsAtIsRefusedNamingTheField() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, "{\"labels\": {\"service\": \"api\"}}");

        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("startsAt"), r.body());
    }

    @Test
    void aTenMebibyteAlertIsRefusedWith413() throws Exception {
        startWithShop();
        String huge = alert("firing", "api", at(300), null).replace("5xx above 0.5 %", "x".repeat(10 * 1024 * 1024));

        HttpResponse<String> r = api.post("/api/v1/attributions", TOKEN, huge);

        assertEquals(413, r.statusCode());
        assertEquals("payload_too_large", json(r).get("error").asText());
    }

    @Test
    void listingRefusesAnUnknownParameter() throws Exception {
        startWithShop();

        HttpResponse<String> r = api.get("/api/v1/attributions?commit=abc");

        assertEquals(400, r.statusCode());
        assertEquals("unknown query parameter 'commit' (known: alertname, fingerprint, from, limit, service, to)",
                json(r).get("message").asText());
    }
}
