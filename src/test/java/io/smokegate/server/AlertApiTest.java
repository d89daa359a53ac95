package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertApiTest {

    static final String FIRING = """
            {"receiver":"smokegate","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"SmokegateCheckFailing",\
            "checklist":"site","check":"home","severity":"warning"},"annotations":{"summary":"Check home of site fails"},\
            "startsAt":"2026-11-22T01:40:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph",\
            "fingerprint":"0123456789abcdef"}],"groupLabels":{"alertname":"SmokegateCheckFailing","checklist":"site"},\
            "commonLabels":{"alertname":"SmokegateCheckFailing"},"commonAnnotations":{},"externalURL":"http://am:9093",\
            "version":"4","groupKey":"{}:{alertname=\\"SmokegateCheckFailing\\", checklist=\\"site\\"}","truncatedAlerts":0}""";

    @TempDir
    Path root;

    ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiTestSupport(root, TOKEN, 1, 2, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aNotificationIsStoredAsReceivedAndListed() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/alerts", TOKEN, FIRING);
        assertEquals(200, r.statusCode(), r.body());
        String id = json(r).get("id").asText();
        assertEquals(1, json(r).get("alerts").asInt());
        assertEquals(FIRING, api.get("/api/v1/alerts/" + id).body());
        JsonNode listed = json(api.get("/api/v1/alerts")).at("/notifications/0");
        assertEquals(id, listed.get("id").asText());
        assertEquals("firing", listed.get("status").asText());
        assertEquals("{}:{alertname=\"SmokegateCheckFailing\", checklist=\"site\"}", listed.get("groupKey").asText());
    }

    @Test
    void receivedAlertsAreCountedByStatus() throws Exception {
        api.post("/api/v1/alerts", TOKEN, FIRING);
        api.post("/api/v1/alerts", TOKEN, FIRING.replace("\"status\":\"firing\"", "\"status\":\"resolved\""));
        String metrics = api.get("/metrics").body();
        assertTrue(metrics.contains("smokegate_alerts_received_total{status=\"firing\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_alerts_received_total{status=\"resolved\"} 1.0"), metrics);
    }

    @Test
    void somethingThatIsNotANotificationIsABadRequestAndNotStored() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/alerts", TOKEN, "{\"status\":\"firing\",\"alerts\":[{\"labels\":{}}]}");
        assertEquals(400, r.statusCode());
        assertEquals("not an Alertmanager notification: alerts[0].labels.alertname: missing", json(r).get("message").asText());
        assertEquals(400, api.post("/api/v1/alerts", TOKEN, "not json").statusCode());
        assertEquals(0, json(api.get("/api/v1/alerts")).get("notifications").size());
    }

    @Test
    void anOversizedNotificationIsRefusedWith413() throws Exception {
        String huge = FIRING.replace("Check home of site fails", "x".repeat(20_000));
        assertEquals(413, api.post("/api/v1/alerts", TOKEN, huge).statusCode());
    }

    @Test
    void receivingNeedsTheToken() throws Exception {
        assertEquals(401, api.post("/api/v1/alerts", null, FIRING).statusCode());
        assertEquals(0, json(api.get("/api/v1/alerts")).get("notifications").size());
    }

    @Test
    void unknownAndMalformedIdsAreRefused() throws Exception {
        assertEquals(404, api.get("/api/v1/alerts/01a20107-0153-7033-b446-247a6ff7eac3").statusCode());
        assertEquals(400, api.get("/api/v1/alerts/not-a-uuid").statusCode());
        assertEquals(400, api.get("/api/v1/alerts?limit=100000").statusCode());
    }
}
