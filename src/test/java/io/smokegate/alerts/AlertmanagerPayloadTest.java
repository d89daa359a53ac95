package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

    /** Captured from Alertmanager 0.25.0 on loopback (reference: slo-gates-alerts-dashboards.md §5.5). */
    static final String FIRING = """
            {
              "receiver": "smoke-webhook",
              "status": "firing",
              "alerts": [
                {
                  "status": "firing",
                  "labels": {"alertname": "SmokeCheckErrorBudgetBurn", "service": "checkout", "severity": "page"},
                  "annotations": {
                    "description": "Smoke-check error ratio over 1h is 50% for checkout.",
                    "runbook_url": "https://runbooks.example.com/smoke/SmokeCheckErrorBudgetBurn",
                    "summary": "Smoke checks for checkout are burning error budget 14.4x too fast"
                  },
                  "startsAt": "2026-11-22T01:40:00Z",
                  "endsAt": "0001-01-01T00:00:00Z",
                  "generatorURL": "http://prometheus.example:9090/graph?g0.expr=smoke%3Acheck_errors%3Aratio_rate5m&g0.tab=1",
                  "fingerprint": "f7651ec64c51fa84"
                }
              ],
              "groupLabels": {"alertname": "SmokeCheckErrorBudgetBurn", "service": "checkout"},
              "commonLabels": {"alertname": "SmokeCheckErrorBudgetBurn", "service": "checkout", "severity": "page"},
              "commonAnnotations": {},
              "externalURL": "http://alertmanager.example:9093",
              "version": "4",
              "groupKey": "{}:{alertname=\\"SmokeCheckErrorBudgetBurn\\", service=\\"checkout\\"}",
              "truncatedAlerts": 0
            }
            """;

    private static String withAlert(String alert) {
        return "{\"status\":\"firing\",\"alerts\":[" + alert + "]}";
    }

    private static String error(String body) {
        return assertThrows(IllegalArgumentException.class, () -> AlertmanagerPayload.parse(body)).getMessage();
    }

    @Test
    void aCapturedFiringNotificationParses() {
        AlertmanagerPayload p = AlertmanagerPayload.parse(FIRING);
        assertEquals("firing", p.status());
        assertEquals("smoke-webhook", p.receiver());
        assertEquals("{}:{alertname=\"SmokeCheckErrorBudgetBurn\", service=\"checkout\"}", p.groupKey());
        ReceivedAlert a = p.alerts().get(0);
        assertEquals("SmokeCheckErrorBudgetBurn", a.alertname());
        assertEquals("f7651ec64c51fa84", a.fingerprint());
        assertEquals(Instant.parse("2026-11-22T01:40:00Z"), a.startsAt());
        assertEquals(Map.of("alertname", "SmokeCheckErrorBudgetBurn", "service", "checkout", "severity", "page"), a.labels());
    }

    @Test
    void goZeroTimeMeansAFiringAlertHasNoEnd() {
        assertEquals(Optional.empty(), AlertmanagerPayload.parse(FIRING).alerts().get(0).endsAt());
    }

    @Test
    void aResolvedAlertKeepsItsEnd() {
        String resolved = FIRING.replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                .replace("0001-01-01T00:00:00Z", "2026-11-22T01:44:30Z");
        ReceivedAlert a = AlertmanagerPayload.parse(resolved).alerts().get(0);
        assertEquals("resolved", a.status());
        assertEquals(Optional.of(Instant.parse("2026-11-22T01:44:30Z")), a.endsAt());
    }

    @Test
    void fieldsOfNewerAlertmanagersAreIgnored() {
        String newer = FIRING.replace("\"version\": \"4\",", "\"version\": \"4\", \"notification_reason\": \"new\", "
                + "\"routeLabels\": {\"team\": \"sre\"},");
        assertEquals(1, AlertmanagerPayload.parse(newer).alerts().size());
    }

    @Test
    void malformedJsonIsRefusedWithTheParsersMessage() {
        assertTrue(error("{\"alerts\": [").startsWith("not valid JSON: "));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertEquals("expected a JSON object (an Alertmanager webhook notification)", error("[1, 2]"));
    }

    @Test
    void anotherPayloadVersionIsRefused() {
        assertEquals("version: '5' is not supported; Alertmanager sends \"4\"", error("{\"version\":\"5\",\"alerts\":[]}"));
    }

    @Test
    void theAlertsListIsRequired() {
        assertEquals("alerts: missing or not a list", error("{\"status\":\"firing\"}"));
    }

    @Test
    void anUnknownStatusIsRefused() {
        assertEquals("status: 'exploded' is not firing or resolved", error("{\"status\":\"exploded\",\"alerts\":[]}"));
    }

    @Test
    void tooManyAlertsAreRefusedWithTheSettingThatLimitsThem() {
        String alert = "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-22T01:40:00Z\","
                + "\"fingerprint\":\"ab\"},";
        String body = "{\"status\":\"firing\",\"alerts\":[" + alert.repeat(1000) + alert.substring(0, alert.length() - 1) + "]}";
        assertEquals("alerts: 1001 alerts, more than 1000; set max_alerts in Alertmanager's webhook_config", error(body));
    }

    @Test
    void anAlertNeedsItsName() {
        assertEquals("alerts[0].labels.alertname: missing",
                error(withAlert("{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-11-22T01:40:00Z\",\"fingerprint\":\"ab\"}")));
    }

    @Test
    void labelValuesMustBeStrings() {
        assertEquals("alerts[0].labels.severity: expected a string", error(withAlert(
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"severity\":{\"x\":1}},\"fingerprint\":\"ab\"}")));
    }

    @Test
    void aFingerprintIsHex() {
        assertEquals("alerts[0].fingerprint: '../../etc' is not a hex fingerprint", error(withAlert(
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"../../etc\"}")));
    }

    @Test
    void timesAreRfc3339() {
        assertEquals("alerts[0].startsAt: 'yesterday' is not an RFC 3339 time", error(withAlert(
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"ab\",\"startsAt\":\"yesterday\"}")));
    }

    @Test
    void deeplyNestedJsonIsRefusedBeforeItExhaustsTheStack() {
        String deep = "{\"alerts\":[],\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertTrue(error(deep).startsWith("not valid JSON: "));
    }

    @Test
    void overlongLabelValuesAreRefused() {
        String huge = "v".repeat(AlertmanagerPayload.MAX_VALUE_CHARS + 1);
        assertEquals("alerts[0].labels.big: longer than 16384 characters", error(withAlert(
                "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"big\":\"" + huge + "\"},\"fingerprint\":\"ab\"}")));
    }
}
