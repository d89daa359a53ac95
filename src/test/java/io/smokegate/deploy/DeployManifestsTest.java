package io.smokegate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AppConfig;
import io.smokegate.config.ConfigLoader;
import io.smokegate.config.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated parts of deploy/ are what the generator makes, and carry the rule files and dashboards exactly. */
class DeployManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    static List<Map<String, Object>> base() throws IOException {
        return DeployManifests.objects(Files.readString(DeployManifests.BASE));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object object, String... path) {
        Object current = object;
        for (String key : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @Test
    void theCommittedManifestsAreWhatTheGeneratorMakes() throws IOException {
        Map<Path, String> expected = DeployManifests.generated(ROOT);
        List<String> differing = new ArrayList<>();
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            Path committed = ROOT.resolve(file.getKey());
            if (!Files.exists(committed) || !Files.readString(committed).equals(file.getValue())) {
                differing.add(file.getKey() + (Files.exists(committed) ? " differs" : " is missing"));
            }
        }
        DeployManifests.stale(ROOT, expected).forEach(path -> differing.add(path + " is no longer generated"));
        assertEquals(List.of(), differing, "run " + DeployManifests.REGENERATE + " and commit what it writes");
    }

    @Test
    void everyRuleFileBecomesAPrometheusRuleWithExactlyItsGroups() throws IOException {
        Map<String, Object> fromFiles = new TreeMap<>();
        for (Path file : DeployManifests.listed(ROOT.resolve("alerts"), ".rules.yml")) {
            String name = file.getFileName().toString().replace(".rules.yml", "");
            fromFiles.put(name, at(DeployManifests.parse(Files.readString(file)), "groups"));
        }
        Map<String, Object> fromBase = new TreeMap<>();
        for (Map<String, Object> rule : ofKind(base(), "PrometheusRule")) {
            assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion"));
            fromBase.put(at(rule, "metadata", "name"), at(rule, "spec", "groups"));
        }
        assertFalse(fromFiles.isEmpty());
        assertEquals(fromFiles, fromBase);
    }

    @Test
    void everyDashboardBecomesAConfigMapWithTheSidecarLabelAndExactlyItsJson() throws IOException {
        Map<String, String> fromFiles = new TreeMap<>();
        for (Path file : DeployManifests.listed(ROOT.resolve("dashboards"), ".json")) {
            fromFiles.put(file.getFileName().toString(), Files.readString(file));
        }
        Map<String, String> fromBase = new TreeMap<>();
        for (Map<String, Object> configMap : ofKind(base(), "ConfigMap")) {
            if ("1".equals(at(configMap, "metadata", "labels", "grafana_dashboard"))) {
                Map<String, String> data = at(configMap, "data");
                assertEquals(1, data.size(), "one dashboard per ConfigMap");
                fromBase.putAll(data);
            }
        }
        assertFalse(fromFiles.isEmpty());
        assertEquals(fromFiles, fromBase);
    }

    @Test
    void theChartAndTheImageTagFollowTheProjectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>smokegate</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        Map<String, Object> chart = at(DeployManifests.parse(Files.readString(DeployManifests.CHART.resolve("Chart.yaml"))));
        assertEquals(version.group(1), chart.get("version"));
        assertEquals(version.group(1), chart.get("appVersion"));
        Map<String, Object> deployment = ofKind(base(), "Deployment").getFirst();
        assertEquals("ghcr.io/smokegate/smokegate:" + version.group(1),
                at(deployment, "spec", "template", "spec", "containers", "0", "image"));
    }

    @Test
    void theDeploymentRunsTwoHardenedReplicasWithProbesInsideA256MiLimit() throws IOException {
        Map<String, Object> pod = at(ofKind(base(), "Deployment").getFirst(), "spec", "template", "spec");
        assertEquals(2, (int) at(ofKind(base(), "Deployment").getFirst(), "spec", "replicas"));
        assertEquals(Map.of("runAsNonRoot", true, "runAsUser", 10001, "runAsGroup", 10001, "fsGroup", 10001,
                "seccompProfile", Map.of("type", "RuntimeDefault")), pod.get("securityContext"));
        Map<String, Object> container = at(pod, "containers", "0");
        assertEquals(Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "runAsNonRoot", true,
                "capabilities", Map.of("drop", List.of("ALL"))), container.get("securityContext"));
        assertEquals("/healthz", at(container, "livenessProbe", "httpGet", "path"));
        assertEquals("/readyz", at(container, "readinessProbe", "httpGet", "path"));
        assertEquals("256Mi", at(container, "resources", "limits", "memory"));
        assertEquals(8080, (int) at(container, "ports", "0", "containerPort"));
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        String tmpVolume = mounts.stream().filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow()
                .get("name").toString();
        List<Map<String, Object>> volumes = at(pod, "volumes");
        assertTrue(volumes.stream().anyMatch(v -> tmpVolume.equals(v.get("name")) && v.containsKey("emptyDir")),
                "/tmp is an emptyDir");
    }

    @Test
    void theConfigMapsConfigurationIsOneServeAccepts(@TempDir Path secrets) throws Exception {
        Map<String, Object> configMap = ofKind(base(), "ConfigMap").stream()
                .filter(c -> "smokegate-config".equals(at(c, "metadata", "name"))).findFirst().orElseThrow();
        // The Secret's keys as the pod sees them, one file per token, where the test can write them.
        for (String name : List.of("ci", "alertmanager", "ops")) {
            Files.writeString(secrets.resolve(name), "token-of-" + name + "\n");
        }
        Path config = secrets.resolve("smokegate.yaml");
        Files.writeString(config, DeployManifestsTest.<String>at(configMap, "data", "smokegate.yaml")
                .replace("/run/secrets/smokegate/tokens/", secrets + "/"));
        AppConfig loaded = new ConfigLoader(Map.of("SMOKEGATE_DATABASE_URL", "jdbc:postgresql://db:5432/smokegate",
                "SMOKEGATE_DATABASE_USER", "smokegate", "SMOKEGATE_DATABASE_PASSWORD", "secret")::get).load(config);
        assertEquals(8080, loaded.port());
        assertEquals(Path.of("/etc/smokegate/checklists"), loaded.checklistsDir());
        assertEquals(Path.of("/var/lib/smokegate"), loaded.dataDir());
        assertEquals("jdbc:postgresql://db:5432/smokegate", loaded.databaseUrl());
        assertEquals(Map.of("ci", Set.of(Scope.READ, Scope.RUN), "alertmanager", Set.of(Scope.RUN), "ops", Set.of(Scope.ADMIN)),
                loaded.auth().tokens().stream().collect(Collectors.toMap(ApiToken::name, ApiToken::scopes)));
        assertEquals("token-of-ci", loaded.auth().tokens().getFirst().secret());
    }

    @Test
    void theBaseRefersToSecretsAndHoldsNone() throws IOException {
        assertEquals(List.of(), ofKind(base(), "Secret"));
        String base = Files.readString(DeployManifests.BASE);
        assertTrue(base.contains("secretKeyRef: {name: smokegate-database, key: password}"), "database password by reference");
        assertTrue(base.contains("secretName: smokegate-api-tokens"), "API tokens by reference");
    }

    @Test
    void theChartPassesHelmLintStrict() {
        LintResult lint = new Helm(DeployManifests.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void severalReplicasWithoutTheDatabaseSecretAreRefusedByTheChart() {
        Exception refused = assertThrows(Exception.class, () -> DeployManifests.render(DeployManifests.CHART, "default",
                command -> command.set("database.existingSecret", "")));
        assertTrue(refused.getMessage().contains("replicaCount > 1 needs the shared PostgreSQL database: "
                + "set database.existingSecret (SQLite serves one replica only)"), refused.getMessage());
    }
}
