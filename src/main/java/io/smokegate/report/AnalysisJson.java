package io.smokegate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** An analysis as JSON: what {@code gate --for --format json} writes and the API answers. */
public final class AnalysisJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AnalysisJson() {
    }

    public static String document(Analysis analysis) {
        AnalysisSpec spec = analysis.spec();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", analysis.id());
            g.writeStringField("checklist", spec.checklist());
            g.writeStringField("for", AnalysisSpec.text(spec.window()));
            g.writeStringField("interval", AnalysisSpec.text(spec.interval()));
            g.writeNumberField("failureLimit", spec.failureLimit());
            g.writeNumberField("inconclusiveLimit", spec.inconclusiveLimit());
            g.writeBooleanField("failOnWarning", spec.failOnWarning());
            g.writeStringField("phase", analysis.phase().label());
            g.writeStringField("message", analysis.message());
            g.writeStringField("startedBy", analysis.startedBy());
            g.writeStringField("startedAt", analysis.startedAt().toString());
            g.writeStringField("finishedAt", analysis.finishedAt() == null ? null : analysis.finishedAt().toString());
            g.writeNumberField("count", spec.count());
            g.writeArrayFieldStart("measurements");
            for (AnalysisMeasurement m : analysis.measurements()) {
                g.writeStartObject();
                g.writeNumberField("index", m.index());
                g.writeStringField("at", m.at().toString());
                g.writeStringField("runId", m.runId());
                g.writeStringField("verdictId", m.verdictId());
                g.writeStringField("result", m.result().label());
                if (m.score() == null) {
                    g.writeNullField("score");
                } else {
                    g.writeNumberField("score", VerdictJson.round(m.score()));
                }
                g.writeStringField("phase", m.outcome(spec.failOnWarning()).label());
                g.writeStringField("message", m.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }
}
