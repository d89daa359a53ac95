package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.AlertmanagerServer;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.Ports;
import io.smokegate.testing.ScrapedSmokegate;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path with real programs: smokegate serve runs a checklist, Prometheus scrapes it and
 * evaluates the shipped rules in alerts/, the shipped alertmanager.example.yml (only its placeholders and
 * waits replaced) routes the alert, and its webhook delivers the notification back to smokegate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertPipelineTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    static Path root;
    private static TargetServer target;
    private static AlertmanagerServer alertmanager;
    private static ScrapedSmokegate smokegate;

    @BeforeAll
    static void startTheStack() throws Exception {
        target = new TargetServer();
        int port = Ports.free();
        Path secrets = Files.createDirectories(root.resolve("secrets"));
        alertmanager = AlertmanagerServer.start(root.resolve("alertmanager"), shippedAlertmanagerConfig(port, secrets));
        smokegate = new ScrapedSmokegate(root, port, """
                rule_files: ["%s/*.rules.yml"]
                alerting:
                  alertmanagers: [{static_configs: [{targets: ["%s"]}]}]
                """.formatted(Path.of("alerts").toAbsolutePath(), alertmanager.target()));
        Files.writeString(secrets.resolve("smokegate-api-token"), smokegate.alertmanagerToken());
        Files.writeString(secrets.resolve("pagerduty-routing-key"), "never-used-by-a-warning");
        smokegate.checklist("storefront", HttpChecklists.of("storefront", target.url("/fail"), "5s"));
        smokegate.awaitValue("count(smokegate_build_info)", 1);
    }

    /** The example as an operator would deploy it, pointed at this test's smokegate and secrets, waits in seconds. */
    private static String shippedAlertmanagerConfig(int smokegatePort, Path secrets) throws Exception {
        String config = Files.readString(Path.of("alerts/alertmanager.example.yml"))
                .replace("http://smokegate:8080", "http://127.0.0.1:" + smokegatePort)
                .replace("/etc/alertmanager/secrets", secrets.toString())
                .replaceAll("group_wait: \\d+s", "group_wait: 1s")
                .replaceAll("group_interval: \\d+m", "group_interval: 1s");
        if (!config.contains("127.0.0.1:" + smokegatePort + "/api/v1/alerts")) {
            throw new AssertionError("alertmanager.example.yml no longer has the webhook placeholder this test replaces");
        }
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (smokegate != null) {
                smokegate.close();
            }
        } finally {
            if (alertmanager != null) {
                alertmanager.close();
            }
            target.close();
        }
    }

    @Test
    @Order(1)
    void aFailingCheckReachesSmokegateAsAFiringNotification() throws Exception {
        smokegate.run("storefront", true);

        JsonNode alert = awaitNotification("firing");

        assertEquals("SmokegateCheckFailing", alert.path("labels").path("alertname").asText());
        assertEquals("storefront", alert.path("labels").path("checklist").asText());
        assertEquals("probe", alert.path("labels").path("check").asText());
        assertEquals("warning", alert.path("labels").path("severity").asText());
    }

    @Test
    @Order(2)
    void theCheckPassingAgainResolvesIt() throws Exception {
        smokegate.checklist("storefront", HttpChecklists.of("storefront", target.url("/ok"), "5s"));
        smokegate.run("storefront", true);

        JsonNode alert = awaitNotification("resolved");

        assertEquals("SmokegateCheckFailing", alert.path("labels").path("alertname").asText());
        assertEquals("storefront", alert.path("labels").path("checklist").asText());
    }

    /** Waits for a stored notification with {@code status} about SmokegateCheckFailing; returns its alert. */
    private static JsonNode awaitNotification(String status) throws Exception {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (JsonNode summary : smokegate.api("/api/v1/alerts").path("notifications")) {
                JsonNode payload = smokegate.api("/api/v1/alerts/" + summary.path("id").asText());
                for (JsonNode alert : payload.path("alerts")) {
                    if (alert.path("labels").path("alertname").asText().equals("SmokegateCheckFailing")
                            && alert.path("status").asText().equals(status)) {
                        return alert;
                    }
                }
                seen.add(summary.toString());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + status + " SmokegateCheckFailing notification within " + DELIVERY
                + "; received: " + seen.stream().distinct().toList() + "\nalertmanager log:\n" + alertmanager.log());
    }
}
