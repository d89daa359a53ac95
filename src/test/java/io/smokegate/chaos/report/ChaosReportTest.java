package io.smokegate.chaos.report;

import io.smokegate.report.ReportFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.InjectedResource;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentReport.Removal;
import io.smokegate.chaos.ExperimentVerdict;
import io.smokegate.chaos.Owner;
import io.smokegate.slo.Criteria;
import io.smokegate.slo.Criterion;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.Objective;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A chaos experiment's report in the four formats of {@code chaos run --format}. */
class ChaosReportTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Objective PASSES = new Objective("passes", new Indicator.Promql("smokegate_run_success_ratio"),
            new Criteria(List.of(List.of(Criterion.parse("= 1")))), Criteria.NONE, 1, true, false);

    private static PhaseRun run(int second, double ratio) {
        ObjectiveStatus status = ratio == 1 ? ObjectiveStatus.PASS : ObjectiveStatus.FAIL;
        Evaluation e = new Evaluation(ratio == 1 ? GateResult.PASS : GateResult.FAIL, ratio == 1 ? 100 : 0, 1,
                List.of(new ObjectiveResult(PASSES, Optional.of(ratio), status, ratio == 1 ? 1 : 0, Optional.empty(), 0,
                        ratio + (ratio == 1 ? " = 1" : " is not = 1"))), 0, ratio == 1 ? "all met" : "passes failed");
        return new PhaseRun("run-" + second, T0.plusSeconds(second), Duration.ofMillis(300), ratio, Optional.of(e));
    }

    /** Steady state met, the objective broke under the fault (0.5, then 0.75), recovered 4 s after the removal. */
    private static ExperimentReport failed() {
        return new ExperimentReport("0195-exp", "proxy-latency", "athens-private", List.of("athens"), "ops@ci", "cli",
                new Owner(Owner.CLI, "runner-1", 4242, 1, null), T0, T0.plusSeconds(40), ExperimentVerdict.FAIL,
                "under the fault: run 1 fail: failed passes",
                List.of(new PreflightResult("namespaces", true, "allowed: athens"),
                        new PreflightResult("controller", true, "chaos-controller-manager has an available replica")),
                List.of(new PhaseResult(Phase.STEADY_STATE, T0, T0.plusSeconds(1), List.of(run(0, 1)), true, ""),
                        new PhaseResult(Phase.DURING, T0.plusSeconds(5), T0.plusSeconds(25), List.of(run(5, 0.5), run(15, 0.75)),
                                false, "run 1 fail: failed passes"),
                        new PhaseResult(Phase.RECOVERY, T0.plusSeconds(30), T0.plusSeconds(34), List.of(run(30, 1)), true, "")),
                List.of(new InjectedResource("NetworkChaos", "athens", "proxy-latency-0195exp1", "3m", T0.plusSeconds(2),
                        T0.plusSeconds(29), Removal.REMOVED, "NetworkChaos athens/proxy-latency-0195exp1 deleted")),
                Optional.of(Duration.ofSeconds(4)), OptionalDouble.of(33.3333), List.of());
    }

    /** Preflight passed, then the removal got stuck: ERROR with manual steps. */
    private static ExperimentReport stuck() {
        ExperimentReport f = failed();
        return new ExperimentReport(f.id(), f.scenario(), f.checklist(), f.namespaces(), f.startedBy(), f.trigger(), f.owner(),
                f.startedAt(), f.finishedAt(), ExperimentVerdict.ERROR, "a fault could not be removed; see the manual steps",
                f.preflight(), f.phases().subList(0, 2),
                List.of(new InjectedResource("NetworkChaos", "athens", "proxy-latency-0195exp1", "3m", T0.plusSeconds(2), null,
                        Removal.STUCK, "still there")),
                Optional.empty(), OptionalDouble.of(0), List.of("kubectl -n athens delete networkchaos.chaos-mesh.org x"));
    }

    private static String render(ExperimentReport report, ReportFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChaosReport.write(report, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textShowsEachObjectiveAcrossThePhasesAndTheVerdict() throws Exception {
        String text = render(failed(), ReportFormat.TEXT);

        assertTrue(text.contains("""
                SLIs per phase:
                  objective  steady state  during (worst)  during (last)  recovery
                  ---------  ------------  --------------  -------------  --------
                  passes     1             0.5 FAIL        0.75 FAIL      1
                """), text);
        assertTrue(text.contains("  PASS  namespaces  allowed: athens\n"), text);
        assertTrue(text.contains("  NetworkChaos athens/proxy-latency-0195exp1  duration 3m  removed  "), text);
        assertTrue(text.contains("Recovery time: 4.0 s\nResilience score: 33/100\n"), text);
        assertTrue(text.endsWith("\nFAIL: under the fault: run 1 fail: failed passes · experiment 0195-exp in 40.0 s\n"), text);
    }

    @Test
    void textPutsManualStepsInAFrameBeforeTheVerdict() throws Exception {
        String text = render(stuck(), ReportFormat.TEXT);

        assertTrue(text.contains("MANUAL STEPS REQUIRED: a fault could not be removed; do this now:\n"
                + "  1. kubectl -n athens delete networkchaos.chaos-mesh.org x\n" + "!".repeat(72) + "\n\nERROR: "), text);
        assertTrue(text.contains("Recovery time: not measured\n"), text);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(failed(), ReportFormat.JSON));

        List<String> fields = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "state", "scenario", "checklist", "namespaces", "startedBy", "trigger", "owner", "startedAt",
                "finishedAt", "durationMs", "verdict", "message", "preflight", "phases", "resources", "recoverySeconds",
                "resilienceScore", "manualSteps"), fields);
        assertEquals("fail", doc.path("verdict").asText());
        assertEquals("cli/runner-1/4242/1", doc.path("owner").asText());
        assertEquals(40000, doc.path("durationMs").asLong());
        JsonNode during = doc.path("phases").get(1);
        assertEquals("during", during.path("phase").asText());
        assertEquals(false, during.path("met").asBoolean());
        JsonNode objective = during.path("runs").get(0).path("evaluation").path("objectives").get(0);
        assertEquals("{\"name\":\"passes\",\"value\":0.5,\"status\":\"fail\",\"message\":\"0.5 is not = 1\"}", objective.toString());
        assertEquals("removed", doc.path("resources").get(0).path("removal").asText());
        assertEquals("2025-03-01T10:00:29Z", doc.path("resources").get(0).path("removedAt").asText());
        assertEquals(4.0, doc.path("recoverySeconds").asDouble());
        assertEquals(33.33, doc.path("resilienceScore").asDouble());
    }

    @Test
    void junitHasACasePerPreflightCheckAndPhaseAndAnErrorForAnErrorVerdict() throws Exception {
        String xml = render(stuck(), ReportFormat.JUNIT);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("chaos.proxy-latency", suite.getAttribute("name"));
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(5, doc.getElementsByTagName("testcase").getLength());
        assertEquals("run 1 fail: failed passes",
                ((org.w3c.dom.Element) doc.getElementsByTagName("error").item(0)).getAttribute("message"));
        assertTrue(((org.w3c.dom.Element) doc.getElementsByTagName("error").item(1)).getAttribute("message")
                .endsWith("MANUAL STEPS: kubectl -n athens delete networkchaos.chaos-mesh.org x"), xml);
    }

    @Test
    void markdownHasTheHeadlineAndTheSideBySideTable() throws Exception {
        String md = render(failed(), ReportFormat.MARKDOWN);

        assertTrue(md.startsWith("### ❌ smokegate chaos: `proxy-latency` fail\n\nunder the fault: run 1 fail: failed passes\n"), md);
        assertTrue(md.contains("| objective | steady state | during (worst) | during (last) | recovery |\n"
                + "|---|---:|---:|---:|---:|\n| passes | 1 | 0.5 FAIL | 0.75 FAIL | 1 |\n"), md);
        assertTrue(md.contains("Recovery time: **4.0 s** · resilience score: **33/100**"), md);
    }
}
