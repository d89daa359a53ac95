package io.smokegate.report;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.check.net.NetFamily;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.testing.SampleRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The JSON report is a contract (DESIGN.md, "Contracts other tools rely on"): its fields must not drift. */
class JsonReportTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static String write(RunReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReport().write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(RunReport report) throws IOException {
        return PLAIN.readTree(write(report));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RunReport sample() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", 503);
        details.put("headers", Map.of("Retry-After", "120"));
        details.put("tried", List.of("10.0.0.1", "10.0.0.2"));
        CheckResult passed = new CheckResult("module", "goproxy.module", CheckStatus.PASSED, T0.plusMillis(1),
                Duration.ofMillis(812), "h1 hash matches", Map.of(),
                List.of(new Measurement(NetFamily.PHASE_DURATION, 0.012, List.of("connect"))), 1, 2.0);
        CheckResult failed = new CheckResult("sumdb", "http", CheckStatus.FAILED, T0.plusMillis(2), Duration.ofMillis(3001),
                "503 Service Unavailable", details, List.of(), 3, 1.0);
        CheckResult error = check("tls", CheckStatus.ERROR, "internal error in tls check: IOException: boom");
        CheckResult skipped = check("latest", CheckStatus.SKIPPED, "needs sumdb, which failed");
        return new RunReport("0195f0c2-3b4a-7c5d-8e6f-0123456789ab", "goproxy-public", Map.of("env", "prod"),
                RunStatus.FAILED, "cli", T0, Duration.ofMillis(4321), List.of(passed, failed, error, skipped));
    }

    @Test
    void topLevelHasTheContractFieldsAndOnlyTheDocumentedExtras() throws IOException {
        JsonNode root = parse(sample());

        assertEquals(new TreeSet<>(Set.of("checklist", "runId", "status", "startedAt", "durationMs", "checks",
                "trigger", "labels", "summary")), fieldNames(root));
    }

    @Test
    void eachCheckStatesItsSeverity() throws IOException {
        RunReport report = SampleRuns.run("sums", SampleRuns.T0, SampleRuns.securityFailure("sum", "checksum mismatch"),
                SampleRuns.check("plain", CheckStatus.FAILED, "status 500"));

        JsonNode checks = parse(report).get("checks");

        assertEquals("security", checks.get(0).get("severity").asText());
        assertEquals("normal", checks.get(1).get("severity").asText());
    }

    @Test
    void eachCheckHasTheContractFieldsAndOnlyTheDocumentedExtras() throws IOException {
        for (JsonNode check : parse(sample()).get("checks")) {
            assertEquals(new TreeSet<>(Set.of("id", "type", "status", "durationMs", "message", "details",
                    "startedAt", "attempts", "weight", "severity", "measurements")), fieldNames(check));
        }
    }

    @Test
    void runFieldsHaveTheRightValuesAndTypes() throws IOException {
        JsonNode root = parse(sample());

        assertEquals("goproxy-public", root.get("checklist").textValue());
        assertEquals("0195f0c2-3b4a-7c5d-8e6f-0123456789ab", root.get("runId").textValue());
        assertEquals("failed", root.get("status").textValue());
        assertEquals(T0, Instant.parse(root.get("startedAt").textValue()));
        assertTrue(root.get("durationMs").isIntegralNumber());
        assertEquals(4321, root.get("durationMs").longValue());
        assertEquals("cli", root.get("trigger").textValue());
        assertEquals(Map.of("env", "prod"), PLAIN.convertValue(root.get("labels"), new TypeReference<Map<String, String>>() {
        }));
        assertTrue(root.get("checks").isArray());
        assertEquals(4, root.get("checks").size());
    }

    @Test
    void checkFieldsHaveTheRightValuesInChecklistOrder() throws IOException {
        JsonNode checks = parse(sample()).get("checks");

        List<String> ids = new ArrayList<>();
        checks.forEach(c -> ids.add(c.get("id").textValue()));
        assertEquals(List.of("module", "sumdb", "tls", "latest"), ids);
        JsonNode sumdb = checks.get(1);
        assertEquals("http", sumdb.get("type").textValue());
        assertEquals("failed", sumdb.get("status").textValue());
        assertEquals(3001, sumdb.get("durationMs").longValue());
        assertEquals("503 Service Unavailable", sumdb.get("message").textValue());
        assertEquals(3, sumdb.get("attempts").intValue());
        assertEquals(T0.plusMillis(2), Instant.parse(sumdb.get("startedAt").textValue()));
        assertEquals(sample().checks().get(1).details(), PLAIN.convertValue(sumdb.get("details"),
                new TypeReference<Map<String, Object>>() {
                }));
    }

    @Test
    void statusesUseTheContractsLowerCaseLabels() throws IOException {
        JsonNode checks = parse(sample()).get("checks");

        List<String> statuses = new ArrayList<>();
        checks.forEach(c -> statuses.add(c.get("status").textValue()));
        assertEquals(List.of("passed", "failed", "error", "skipped"), statuses);
        assertEquals("passed", parse(SampleRuns.passing("p", T0)).get("status").textValue());
        assertEquals("error", parse(SampleRuns.run("e", T0, check("x", CheckStatus.ERROR, "bug"))).get("status").textValue());
    }

    @Test
    void detailsOfAPassingCheckAreAnEmptyObjectNotNull() throws IOException {
        JsonNode module = parse(sample()).get("checks").get(0);

        assertTrue(module.get("details").isObject());
        assertEquals(0, module.get("details").size());
    }

    @Test
    void measurementsAndSummaryAreReported() throws IOException {
        JsonNode root = parse(sample());

        JsonNode m = root.get("checks").get(0).get("measurements").get(0);
        assertEquals("check_phase_duration_seconds", m.get("name").textValue());
        assertEquals("connect", m.get("labels").get("phase").textValue());
        assertEquals(0.012, m.get("value").doubleValue());
        JsonNode summary = root.get("summary");
        assertEquals(4, summary.get("total").intValue());
        assertEquals(1, summary.get("passed").intValue());
        assertEquals(1, summary.get("failed").intValue());
        assertEquals(1, summary.get("error").intValue());
        assertEquals(1, summary.get("skipped").intValue());
        assertEquals(1.0 / 3, summary.get("successRatio").doubleValue(), 1e-9);
    }

    @Test
    void hostileTextIsEscapedAndParsesBackUnchanged() throws IOException {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String hostile = controls + "\"quoted\" \\ </script> ]]> \u2028\u2029 🚀";
        RunReport report = SampleRuns.run("hostile", T0, check("x", CheckStatus.FAILED, hostile, Map.of(hostile, List.of(hostile))));

        JsonNode check = parse(report).get("checks").get(0);

        assertEquals(hostile, check.get("message").textValue());
        assertEquals(List.of(hostile), PLAIN.convertValue(check.get("details").get(hostile), List.class));
    }

    @Test
    void unpairedSurrogatesDoNotBreakTheReport() throws IOException {
        RunReport report = SampleRuns.run("surrogates", T0,
                check("x", CheckStatus.FAILED, "cut \uD83D here", Map.of("tail", "\uDE80 alone")));

        JsonNode check = parse(report).get("checks").get(0);

        assertTrue(check.get("message").textValue().startsWith("cut "), check.toString());
        assertTrue(check.get("details").get("tail").textValue().endsWith(" alone"), check.toString());
    }

    @Test
    void outputIsOneJsonDocumentEndingInANewline() throws IOException {
        String json = write(sample());

        assertTrue(json.endsWith("}\n"), json);
        assertEquals(parse(sample()), PLAIN.readTree(json));
        assertEquals(PLAIN.readTree(JsonReport.compact(sample())), PLAIN.readTree(json),
                "the one-line form for logs is what write writes");
    }
}
