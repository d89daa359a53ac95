package io.smokegate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An analysis as one JSON document: what {@code GET /api/v1/analyses/{id}} answers and {@code smokegate gate --for …
 * --format json} prints. Durations as users write them ("15m"), times in ISO-8601, phases as Argo Rollouts names them;
 * a measurement's {@code phase} is its outcome under the analysis' {@code failOnWarning}, its {@code result} the
 * gate's verdict.
 */
public final class AnalysisJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AnalysisJson() {
    }

    /** {@code {"id","checklist","for","interval",…,"phase","message",…,"count","measurements":[…]}} on one line. */
    public static String document(Analysis analysis) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, analysis);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    /**
     * {@code {"analyses":[…],"next":CURSOR}}, the API's page of analyses, as UTF-8: a page may hold 500 analyses of
     * 1,000 measurements each, so it is written straight to bytes, once.
     */
    public static byte[] page(List<Analysis> analyses, String next) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("analyses");
            for (Analysis analysis : analyses) {
                write(g, analysis);
            }
            g.writeEndArray();
            g.writeStringField("next", next);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    /** The document as one value of a larger one. */
    public static void write(JsonGenerator g, Analysis analysis) throws IOException {
        AnalysisSpec spec = analysis.spec();
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
        time(g, "startedAt", analysis.startedAt());
        time(g, "finishedAt", analysis.finishedAt());
        g.writeNumberField("count", spec.count());
        g.writeArrayFieldStart("measurements");
        for (AnalysisMeasurement m : analysis.measurements()) {
            g.writeStartObject();
            g.writeNumberField("index", m.index());
            time(g, "at", m.at());
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
    }

    /** To the millisecond, as the database keeps times: the CLI's report and the API's answer are one document. */
    private static void time(JsonGenerator g, String field, Instant at) throws IOException {
        if (at == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, at.truncatedTo(ChronoUnit.MILLIS).toString());
        }
    }
}
