package io.smokegate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smokegate.slo.Comparison;
import io.smokegate.slo.Evaluator;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.SloSpec;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code "slo"} and {@code "verdict"} members of a gate's JSON report; on their own with the checklist
 * and run id, the document stored for a verdict and answered by {@code GET /api/v1/gates/{id}}.
 */
public final class VerdictJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private VerdictJson() {
    }

    /** {@code {"checklist","runId","slo","verdict"}} on one line. */
    public static String document(Verdict verdict) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("checklist", verdict.checklist());
            g.writeStringField("runId", verdict.runId());
            fields(g, verdict);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    /** Writes the two members into an object being written. */
    static void fields(JsonGenerator g, Verdict verdict) throws IOException {
        SloSpec spec = verdict.spec();
        g.writeObjectFieldStart("slo");
        g.writeObjectFieldStart("total");
        g.writeNumberField("pass", spec.total().pass());
        if (spec.total().warning().isPresent()) {
            g.writeNumberField("warning", spec.total().warning().get());
        }
        g.writeEndObject();
        Comparison c = spec.comparison();
        g.writeObjectFieldStart("comparison");
        g.writeNumberField("results", c.results());
        g.writeStringField("aggregate", c.aggregate().label());
        g.writeStringField("include", c.include().label());
        g.writeNumberField("compared", verdict.evaluation().comparedEvaluations());
        g.writeEndObject();
        g.writeArrayFieldStart("objectives");
        for (ObjectiveResult r : verdict.evaluation().objectives()) {
            objective(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeObjectFieldStart("verdict");
        g.writeStringField("id", verdict.id());
        g.writeStringField("result", verdict.result().label());
        // An error verdict judged nothing: null, not a number a dashboard or script could take for a judgement.
        OptionalDouble score = verdict.evaluation().judgedScore();
        if (score.isPresent()) {
            g.writeNumberField("score", round(score.getAsDouble()));
        } else {
            g.writeNullField("score");
        }
        g.writeStringField("message", verdict.evaluation().message());
        g.writeStringField("evaluatedAt", verdict.evaluatedAt().toString());
        g.writeEndObject();
    }

    private static void objective(JsonGenerator g, ObjectiveResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.objective().name());
        g.writeStringField(r.objective().indicator() instanceof Indicator.Promql ? "promql" : "sli",
                r.objective().indicator().text());
        g.writeStringField("status", r.status().label());
        number(g, "value", r.value());
        g.writeNumberField("score", round(r.score()));
        g.writeNumberField("weight", r.objective().weight());
        g.writeBooleanField("key", r.objective().key());
        g.writeStringField("pass", r.objective().pass().describe());
        g.writeStringField("warning", r.objective().warning().describe());
        number(g, "baseline", r.baseline());
        g.writeNumberField("compared", r.compared());
        g.writeStringField("message", r.message());
        g.writeEndObject();
    }

    /** JSON has no infinities: those become strings as Prometheus writes them; absent values null. */
    public static void number(JsonGenerator g, String field, Optional<Double> value) throws IOException {
        if (value.isEmpty()) {
            g.writeNullField(field);
        } else if (Double.isFinite(value.get())) {
            g.writeNumberField(field, value.get());
        } else {
            g.writeStringField(field, Evaluator.format(value.get()));
        }
    }

    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
