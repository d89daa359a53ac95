package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smokegate.dashboards.grafana.Dashboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioning files parse, and the documented docker example puts everything where Grafana reads it. */
class ProvisioningTest {

    private static final Path DATASOURCE = Path.of("dashboards/provisioning/datasources/prometheus.yaml");
    private static final Path PROVIDER = Path.of("dashboards/provisioning/dashboards/smokegate.yaml");
    private static final Path DOCS = Path.of("docs/dashboards.md");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** What Grafana's provisioning expands (Go's os.ExpandEnv): {@code $NAME} and {@code ${NAME}}, nothing more. */
    private static final Pattern DOLLAR = Pattern.compile("\\$(\\{[^}]*}|\\w*)");
    private static final Pattern EXPANDED = Pattern.compile("\\$([A-Za-z_]\\w*|\\{[A-Za-z_]\\w*})");
    private static final Pattern MOUNT = Pattern.compile("-v \"\\$PWD/([^\":]+):([^\":]+)(?::ro)?\"");

    @Test
    void theDatasourceIsOnePrometheusWhoseUrlComesFromPrometheusUrl() throws IOException {
        JsonNode file = YAML.readTree(DATASOURCE.toFile());
        assertEquals(1, file.path("apiVersion").asInt());
        assertEquals(1, file.path("datasources").size());
        JsonNode ds = file.path("datasources").get(0);
        assertEquals("prometheus", ds.path("type").asText());
        assertEquals("proxy", ds.path("access").asText());
        assertEquals("$PROMETHEUS_URL", ds.path("url").asText());
    }

    @Test
    void everyEnvironmentReferenceInTheProvisioningFilesIsOneGrafanaExpands() throws IOException {
        for (Path file : List.of(DATASOURCE, PROVIDER)) {
            assertEquals(List.of(), unexpandable(YAML.readTree(file.toFile())), file.toString());
        }
    }

    @Test
    void aShellStyleDefaultIsReportedBecauseGrafanaWouldReadItAsAnEmptyVariable() throws IOException {
        ObjectNode file = (ObjectNode) YAML.readTree(DATASOURCE.toFile());
        ((ObjectNode) file.path("datasources").get(0)).put("url", "${PROMETHEUS_URL:-http://prometheus:9090}");
        assertEquals(List.of("${PROMETHEUS_URL:-http://prometheus:9090}"), unexpandable(file));
    }

    @Test
    void theProviderLoadsDashboardFilesIntoAFolderOfTheirOwn() throws IOException {
        JsonNode provider = YAML.readTree(PROVIDER.toFile()).path("providers").get(0);
        assertEquals("file", provider.path("type").asText());
        assertEquals("smokegate", provider.path("folder").asText());
        assertFalse(provider.path("options").path("foldersFromFilesStructure").asBoolean(),
                "foldersFromFilesStructure needs folder to be empty");
        assertFalse(provider.path("allowUiUpdates").asBoolean());
    }

    @Test
    void theDockerExampleMountsTheProvisioningFilesWhereGrafanaReadsThem() throws IOException {
        Map<String, String> mounts = dockerMounts();
        assertEquals("/etc/grafana/provisioning/datasources", mounts.get(DATASOURCE.getParent().toString()));
        assertEquals("/etc/grafana/provisioning/dashboards", mounts.get(PROVIDER.getParent().toString()));
        assertTrue(Files.isDirectory(DATASOURCE.getParent()) && Files.isDirectory(PROVIDER.getParent()));
    }

    @Test
    void theDockerExampleMountsTheDashboardsWhereTheProviderLooks() throws IOException {
        String path = YAML.readTree(PROVIDER.toFile()).path("providers").get(0).path("options").path("path").asText();
        Map<String, String> mounts = dockerMounts();
        assertEquals(path, mounts.get(Dashboard.DIRECTORY.toString()));
        assertFalse(Dashboard.shipped().isEmpty(), "the mounted directory holds the dashboards");
    }

    @Test
    void theDockerExampleGivesPrometheusUrlADefault() throws IOException {
        assertTrue(Files.readString(DOCS).contains("-e PROMETHEUS_URL=\"${PROMETHEUS_URL:-http://prometheus:9090}\""));
    }

    /** Host path (relative to the repository) to container path, from the docs' {@code docker run} example. */
    private static Map<String, String> dockerMounts() throws IOException {
        Map<String, String> mounts = new HashMap<>();
        Matcher m = MOUNT.matcher(Files.readString(DOCS));
        while (m.find()) {
            mounts.put(m.group(1), m.group(2));
        }
        return mounts;
    }

    private static List<String> unexpandable(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            Matcher m = DOLLAR.matcher(node.asText());
            while (m.find()) {
                if (!EXPANDED.matcher(m.group()).matches()) {
                    out.add(node.asText());
                }
            }
        }
        node.forEach(child -> out.addAll(unexpandable(child)));
        return out;
    }
}
