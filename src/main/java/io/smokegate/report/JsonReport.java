package io.smokegate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The JSON report, the contract CI systems and the API share:
 * {@code {"checklist","runId","status","startedAt","durationMs","checks":[{"id","type","status","durationMs","message","details"}]}}
 * plus trigger, labels, a summary and each check's measurements; a gate adds {@code "slo"} and {@code "verdict"}.
 */
public final class JsonReport implements ReportWriter {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    @Override
    public void write(RunReport report, Verdict verdict, OutputStream out) throws IOException {
        MAPPER.writeValue(out, new View(g -> report(g, report, verdict)));
        out.write('\n');
    }

    /** The report as a value Jackson writes field by field, with no intermediate tree; nests in maps too. */
    public static JsonSerializable of(RunReport report) {
        return new View(g -> report(g, report, null));
    }

    /** A gate's report: the run, then its {@code "slo"} and {@code "verdict"}. */
    public static JsonSerializable of(RunReport report, Verdict verdict) {
        return new View(g -> report(g, report, verdict));
    }

    /** Check results in the report's form, for runs still in progress. */
    public static JsonSerializable checks(List<CheckResult> results) {
        return new View(g -> checkList(g, results));
    }

    /** The report on one line, for logs. */
    public static String compact(RunReport report) {
        try {
            return COMPACT.writeValueAsString(of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is always serialisable", e);
        }
    }

    private static void report(JsonGenerator g, RunReport report, Verdict verdict) throws IOException {
        g.writeStartObject();
        g.writeStringField("checklist", report.checklist());
        g.writeStringField("runId", report.runId());
        g.writeStringField("status", report.status().label());
        g.writeStringField("trigger", report.trigger());
        g.writeStringField("startedAt", report.startedAt().toString());
        g.writeNumberField("durationMs", report.duration().toMillis());
        g.writeObjectField("labels", report.labels());
        g.writeObjectFieldStart("summary");
        g.writeNumberField("total", report.checks().size());
        for (CheckStatus s : CheckStatus.values()) {
            g.writeNumberField(s.label(), report.count(s));
        }
        g.writeNumberField("successRatio", report.successRatio());
        g.writeEndObject();
        g.writeFieldName("checks");
        checkList(g, report.checks());
        if (verdict != null) {
            VerdictJson.fields(g, verdict);
        }
        g.writeEndObject();
    }

    private static void checkList(JsonGenerator g, List<CheckResult> results) throws IOException {
        g.writeStartArray();
        for (CheckResult c : results) {
            check(g, c);
        }
        g.writeEndArray();
    }

    private static void check(JsonGenerator g, CheckResult c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("type", c.type());
        g.writeStringField("status", c.status().label());
        g.writeStringField("startedAt", c.startedAt().toString());
        g.writeNumberField("durationMs", c.duration().toMillis());
        g.writeNumberField("attempts", c.attempts());
        g.writeNumberField("weight", c.weight());
        g.writeStringField("message", c.message());
        g.writeStringField("severity", c.severity().label());
        g.writeObjectField("details", c.details());
        g.writeArrayFieldStart("measurements");
        for (Measurement m : c.measurements()) {
            g.writeStartObject();
            g.writeStringField("name", m.measure().metricSuffix());
            g.writeObjectFieldStart("labels");
            for (int i = 0; i < m.labelValues().size(); i++) {
                g.writeStringField(m.measure().labelNames().get(i), m.labelValues().get(i));
            }
            g.writeEndObject();
            g.writeNumberField("value", m.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public record View(Body body) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            body.write(g);
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type) throws IOException {
            body.write(g);
        }
    }
}
