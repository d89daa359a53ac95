package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.ExternalTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example Alertmanager configuration is valid for the real amtool (Debian, 0.25) and routes as documented. */
class AlertmanagerConfigTest {

    private final Path config = AlertFiles.alertsDir().resolve("alertmanager.example.yml");

    @Test
    void theExampleConfigPassesAmtoolCheckConfig() throws Exception {
        ToolRun run = amtool(List.of("check-config", config.toString()));
        assertEquals(0, run.exitCode(), run.report());
    }

    @Test
    void criticalAlertsPageAndReachSmokegate() throws Exception {
        ToolRun run = routesTo("pager,smokegate", "alertname=SmokegateDown", "severity=critical", "instance=smokegate-0:8080");
        assertEquals(0, run.exitCode(), run.report());
    }

    @Test
    void warningsReachOnlySmokegate() throws Exception {
        ToolRun run = routesTo("smokegate", "alertname=SmokegateCheckFailing", "severity=warning", "checklist=athens-prod");
        assertEquals(0, run.exitCode(), run.report());
    }

    @Test
    void smokegatesWebhookGetsResolvedAlertsWithTheApiTokenAsBearerToken() {
        JsonNode receivers = AlertFiles.read(config).path("receivers");
        List<JsonNode> webhooks = new ArrayList<>();
        receivers.forEach(r -> r.path("webhook_configs").forEach(webhooks::add));
        assertEquals(1, webhooks.size(), "one webhook: smokegate's");
        JsonNode webhook = webhooks.get(0);
        assertEquals("http://smokegate:8080/api/v1/alerts", webhook.path("url").asText());
        assertEquals(true, webhook.path("send_resolved").asBoolean());
        assertEquals("Bearer", webhook.path("http_config").path("authorization").path("type").asText());
        assertEquals("/etc/alertmanager/secrets/smokegate-api-token",
                webhook.path("http_config").path("authorization").path("credentials_file").asText());
    }

    @Test
    void theSuspectsTemplateLinksEveryAlertToItsAttributions() throws Exception {
        // amtool's sample notification has two alerts, fingerprint1 and fingerprint2.
        ToolRun run = amtool(List.of("template", "render", "--template.glob=attribution-link.tmpl",
                "--template.text={{ template \"smokegate.suspects\" . }}"));

        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.output().contains(": http://smokegate:8080/api/v1/attributions?fingerprint=fingerprint1\n"), run.report());
        assertTrue(run.output().contains(": http://smokegate:8080/api/v1/attributions?fingerprint=fingerprint2\n"), run.report());
    }

    private ToolRun routesTo(String receivers, String... labels) throws Exception {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + config,
                "--verify.receivers=" + receivers));
        args.addAll(List.of(labels));
        return amtool(args);
    }

    private ToolRun amtool(List<String> args) throws Exception {
        Path amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
        List<String> command = new ArrayList<>(List.of(amtool.toString()));
        command.addAll(args);
        return ToolRun.of(config.getParent(), command);
    }
}
