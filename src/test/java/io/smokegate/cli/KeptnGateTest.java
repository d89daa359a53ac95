package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.PrometheusServer;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate over Keptn's files named by spec.slo judges as the gate over the SLO {@code slo import keptn} prints. */
class KeptnGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SLO = """
            spec_version: '1.0'
            comparison: {compare_with: single_result}
            objectives:
              - sli: up
                pass: [{criteria: [">=1"]}]
              - sli: samples
                pass: [{criteria: ["=30"]}]
                weight: 2
              - sli: missing
                pass: [{criteria: [">=1"]}]
              - sli: run.success_ratio
                pass: [{criteria: ["=1"]}]
                key_sli: true
            total_score: {pass: "90%", warning: "50%"}
            """;

    // count_over_time over $DURATION_SECONDS sampled every minute: 30 points when the window is 30m
    private static final String SLI = """
            spec_version: '1.0'
            indicators:
              up: vector(1)
              samples: count_over_time(vector(1)[$DURATION_SECONDS:1m])
              missing: smokegate_no_such_series
            """;

    @TempDir
    Path dir;

    private Path checklist(String name, String slo, String url) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), "apiVersion: smokegate.io/v1\nkind: Checklist\nmetadata: {name: "
                + name + "}\nspec: {checks: [{id: home, type: http, with: {url: \"" + url + "\"}}], slo: " + slo + "}\n");
    }

    /** Result, score and each objective's status and value of a gate's JSON report. */
    private static List<String> verdict(CliRun run) throws Exception {
        JsonNode report = JSON.readTree(run.out());
        List<String> out = new ArrayList<>(List.of(report.get("verdict").get("result").asText(),
                report.get("verdict").get("score").asText()));
        report.get("slo").get("objectives").forEach(o -> out.add(o.get("status").asText() + " " + o.path("value").asText()));
        return out;
    }

    @Test
    void keptnFilesGateAsTheirConversionDoes() throws Exception {
        Files.writeString(dir.resolve("slo.yaml"), SLO);
        Files.writeString(dir.resolve("sli.yaml"), SLI);
        CliRun imported = CliRun.of("slo", "import", "keptn", dir.resolve("slo.yaml").toString(),
                "--sli", dir.resolve("sli.yaml").toString());
        assertEquals(ExitCode.PASSED, imported.exitCode(), imported.err());
        Files.writeString(dir.resolve("converted.slo.yaml"), imported.out());

        try (TargetServer target = new TargetServer();
                PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), "global: {scrape_interval: 1s}\n")) {
            Path keptn = checklist("keptn", "{keptn: slo.yaml, sli: sli.yaml}", target.url("/ok"));
            Path converted = checklist("converted", "converted.slo.yaml", target.url("/ok"));
            CliRun keptnGate = CliRun.of("gate", keptn.toString(), "--data-dir", dir.resolve("data-keptn").toString(),
                    "--prometheus", prometheus.url(), "--window", "30m", "--format", "json", "-q");
            CliRun convertedGate = CliRun.of("gate", converted.toString(), "--data-dir", dir.resolve("data-converted").toString(),
                    "--prometheus", prometheus.url(), "--window", "30m", "--format", "json", "-q");

            // 1 + 2 + 0 + 1 of 5: 80 %, between the warning and the pass threshold
            assertEquals(List.of("warning", "80.0", "pass 1.0", "pass 30.0", "fail null", "pass 1.0"), verdict(keptnGate),
                    keptnGate.out() + keptnGate.err());
            assertEquals(verdict(keptnGate), verdict(convertedGate), convertedGate.out() + convertedGate.err());
            assertEquals(List.of(ExitCode.PASSED, ExitCode.PASSED), List.of(keptnGate.exitCode(), convertedGate.exitCode()));
        }
    }
}
