package io.smokegate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.slo.GateResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnalysisJsonTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final String ID = "01a20107-0153-7033-b446-247a6ff7eac3";

    @Test
    void aRunningAnalysisHasNoEndAndNoMeasurementsYet() {
        Analysis a = Analysis.started(ID, new AnalysisSpec("shop", Duration.ofSeconds(90), Duration.ofSeconds(30), 0, 0,
                false), "ci", T0);
        assertEquals("{\"id\":\"" + ID + "\",\"checklist\":\"shop\",\"for\":\"90s\",\"interval\":\"30s\",\"failureLimit\":0,"
                + "\"inconclusiveLimit\":0,\"failOnWarning\":false,\"phase\":\"Running\",\"message\":\"\",\"startedBy\":\"ci\","
                + "\"startedAt\":\"2026-12-07T10:00:00Z\",\"finishedAt\":null,\"count\":3,\"measurements\":[]}",
                AnalysisJson.document(a));
    }

    @Test
    void aWarningCountsAsFailedWithFailOnWarningAndAnErrorHasNoScore() {
        Analysis a = Analysis.started(ID, new AnalysisSpec("shop", Duration.ofMinutes(15), Duration.ofMinutes(5), 1, 1,
                true), "ci", T0)
                .with(new AnalysisMeasurement(1, T0.plusSeconds(300), "r1", "v1", GateResult.ERROR, null, "Prometheus down"))
                .with(new AnalysisMeasurement(2, T0.plusSeconds(600), "r2", "v2", GateResult.WARNING, 66.666, "warned"))
                .finish(AnalysisPhase.FAILED, T0.plusSeconds(601), "why");
        String doc = AnalysisJson.document(a);
        assertEquals("\"measurements\":[{\"index\":1,\"at\":\"2026-12-07T10:05:00Z\",\"runId\":\"r1\",\"verdictId\":\"v1\","
                + "\"result\":\"error\",\"score\":null,\"phase\":\"Error\",\"message\":\"Prometheus down\"},"
                + "{\"index\":2,\"at\":\"2026-12-07T10:10:00Z\",\"runId\":\"r2\",\"verdictId\":\"v2\",\"result\":\"warning\","
                + "\"score\":66.67,\"phase\":\"Failed\",\"message\":\"warned\"}]}", doc.substring(doc.indexOf("\"measurements\"")));
        assertTrue(doc.contains("\"phase\":\"Failed\",\"message\":\"why\""), doc);
        assertTrue(doc.contains("\"finishedAt\":\"2026-12-07T10:10:01Z\""), doc);
    }
}
