package io.smokegate.report;

import static io.smokegate.testing.SampleRuns.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.TableDetail;
import io.smokegate.run.RunReport;
import io.smokegate.testing.SampleRuns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A table detail (the drift matrix) in every report format, rendered by the writers, not by the check. */
class TableDetailReportTest {

    private static final TableDetail MATRIX = new TableDetail(
            List.of("env", "Kubernetes", "Istio", "policy", "Argo CD", "drift"),
            List.of(row("dev", "v1.33.1", "1-24-1", "v7", "Synced/Healthy 3f2a9c1", "Kubernetes (allowed), Istio"),
                    row("staging", "v1.32.4", "1-23-2", "v7", "Synced/Healthy 3f2a9c1", "none"),
                    row("prod", "v1.32.4", "1-23-2", "v6", "OutOfSync/Healthy 9e8d7c6", "policy, Argo CD")));

    private static Map<String, String> row(String env, String kubernetes, String istio, String policy, String argo, String drift) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("env", env);
        row.put("Kubernetes", kubernetes);
        row.put("Istio", istio);
        row.put("policy", policy);
        row.put("Argo CD", argo);
        row.put("drift", drift);
        return row;
    }

    private static CheckResult drift(CheckStatus status, Object matrix) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matrix", matrix);
        details.put("allowedDrift", List.of("Kubernetes"));
        return new CheckResult("drift", "kube.drift", status, T0, Duration.ofMillis(42),
                status == CheckStatus.PASSED ? "3 contexts agree" : "Istio differs: dev 1-24-1, staging 1-23-2, prod 1-23-2 (+2 more)",
                details, List.of(), 1, 1.0);
    }

    private static String write(ReportWriter writer, RunReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String TEXT_TABLE = """
            matrix:
              env      Kubernetes  Istio   policy  Argo CD                    drift
              -------  ----------  ------  ------  -------------------------  ---------------------------
              dev      v1.33.1     1-24-1  v7      Synced/Healthy 3f2a9c1     Kubernetes (allowed), Istio
              staging  v1.32.4     1-23-2  v7      Synced/Healthy 3f2a9c1     none
              prod     v1.32.4     1-23-2  v6      OutOfSync/Healthy 9e8d7c6  policy, Argo CD
            """;

    @Test
    void markdownShowsTheMatrixAsATableUnderTheChecks() throws Exception {
        String md = write(new MarkdownReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.FAILED, MATRIX.asDetail())));

        assertTrue(md.contains("""

                #### `drift`: matrix

                | env | Kubernetes | Istio | policy | Argo CD | drift |
                |---|---|---|---|---|---|
                | dev | v1.33.1 | 1-24-1 | v7 | Synced/Healthy 3f2a9c1 | Kubernetes (allowed), Istio |
                | staging | v1.32.4 | 1-23-2 | v7 | Synced/Healthy 3f2a9c1 | none |
                | prod | v1.32.4 | 1-23-2 | v6 | OutOfSync/Healthy 9e8d7c6 | policy, Argo CD |
                """), md);
    }

    @Test
    void textReportShowsTheMatrixAlignedUnderTheCheckLine() throws Exception {
        String text = write(new TextReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.PASSED, MATRIX.asDetail())));

        assertTrue(text.contains("3 contexts agree\n" + TEXT_TABLE.indent(6) + "\nPASSED: 1 passed"), text);
    }

    @Test
    void liveProgressShowsTheMatrixAfterTheFinishedCheck() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), false).checkFinished(drift(CheckStatus.PASSED, MATRIX.asDetail()));

        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("3 contexts agree\n" + TEXT_TABLE.indent(6)), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonCarriesTheMatrixAsColumnsAndRowsInTheDetails() throws Exception {
        JsonNode json = new ObjectMapper().readTree(write(new JsonReport(), SampleRuns.run("cluster", T0,
                drift(CheckStatus.FAILED, MATRIX.asDetail()))));

        JsonNode matrix = json.get("checks").get(0).get("details").get("matrix");
        assertEquals("[\"env\",\"Kubernetes\",\"Istio\",\"policy\",\"Argo CD\",\"drift\"]", matrix.get("columns").toString());
        assertEquals("{\"env\":\"prod\",\"Kubernetes\":\"v1.32.4\",\"Istio\":\"1-23-2\",\"policy\":\"v6\","
                + "\"Argo CD\":\"OutOfSync/Healthy 9e8d7c6\",\"drift\":\"policy, Argo CD\"}", matrix.get("rows").get(2).toString());
    }

    @Test
    void junitPutsTheMatrixInTheCaseSystemOutAndKeepsItOutOfTheFailureText() throws Exception {
        String xml = write(new JunitReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.FAILED, MATRIX.asDetail())));
        Element testcase = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("testcase").item(0);

        NodeList out = testcase.getElementsByTagName("system-out");
        assertEquals(1, out.getLength(), xml);
        assertEquals(TEXT_TABLE, out.item(0).getTextContent());
        String failure = testcase.getElementsByTagName("failure").item(0).getTextContent();
        assertTrue(failure.contains("allowedDrift: [Kubernetes]"), failure);
        assertFalse(failure.contains("matrix"), failure);
    }

    @Test
    void aPassedCaseGetsTheMatrixInSystemOutToo() throws Exception {
        String xml = write(new JunitReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.PASSED, MATRIX.asDetail())));

        assertTrue(xml.contains("<testcase name=\"drift\" classname=\"cluster.kube.drift\" time=\"0.042\">\n      <system-out>matrix:\n"), xml);
    }

    @Test
    void aMatrixReadBackFromStoredJsonIsStillRenderedAsATable() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> stored = json.readValue(json.writeValueAsString(Map.of("matrix", MATRIX.asDetail())),
                new TypeReference<Map<String, Object>>() {
                });

        String md = write(new MarkdownReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.FAILED, stored.get("matrix"))));
        assertTrue(md.contains("| prod | v1.32.4 | 1-23-2 | v6 | OutOfSync/Healthy 9e8d7c6 | policy, Argo CD |\n"), md);
    }

    @Test
    void aDetailThatOnlyLooksLikeATableIsLeftAsItIs() throws Exception {
        Map<String, Object> notATable = Map.of("columns", List.of("a"), "rows", List.of(Map.of("b", "x")));

        String md = write(new MarkdownReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.FAILED, notATable)));
        assertFalse(md.contains("#### `drift`"), md);
    }

    @Test
    void cellsCannotBreakTheMarkdownTable() throws Exception {
        TableDetail hostile = new TableDetail(List.of("env", "value"), List.of(Map.of("env", "dev", "value", "a|b\n<img>")));

        String md = write(new MarkdownReport(), SampleRuns.run("cluster", T0, drift(CheckStatus.FAILED, hostile.asDetail())));
        assertTrue(md.contains("| dev | a\\|b &lt;img&gt; |\n"), md);
    }
}
