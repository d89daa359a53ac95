package io.smokegate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.run.RunReport;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON report, the contract CI systems and the API share:
 * {@code {"checklist","runId","status","startedAt","durationMs","checks":[{"id","type","status","durationMs","message","details"}]}}
 * plus trigger, labels, a summary and each check's measurements.
 */
public final class JsonReport implements ReportWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
        out.write('\n');
    }

    public static ObjectNode toJson(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("checklist", report.checklist());
        root.put("runId", report.runId());
        root.put("status", report.status().label());
        root.put("trigger", report.trigger());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.duration().toMillis());
        root.set("labels", MAPPER.valueToTree(report.labels()));
        ObjectNode summary = root.putObject("summary");
        summary.put("total", report.checks().size());
        for (CheckStatus s : CheckStatus.values()) {
            summary.put(s.label(), report.count(s));
        }
        summary.put("successRatio", report.successRatio());
        root.set("checks", checksJson(report.checks()));
        return root;
    }

    public static ArrayNode checksJson(java.util.List<CheckResult> results) {
        ArrayNode checks = MAPPER.createArrayNode();
        results.forEach(c -> checks.add(check(c)));
        return checks;
    }

    private static ObjectNode check(CheckResult c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("type", c.type());
        node.put("status", c.status().label());
        node.put("startedAt", c.startedAt().toString());
        node.put("durationMs", c.duration().toMillis());
        node.put("attempts", c.attempts());
        node.put("weight", c.weight());
        node.put("message", c.message());
        node.set("details", MAPPER.valueToTree(c.details()));
        ArrayNode measurements = node.putArray("measurements");
        for (Measurement m : c.measurements()) {
            ObjectNode mn = measurements.addObject();
            mn.put("name", m.measure().metricSuffix());
            ObjectNode labels = mn.putObject("labels");
            for (int i = 0; i < m.labelValues().size(); i++) {
                labels.put(m.measure().labelNames().get(i), m.labelValues().get(i));
            }
            mn.put("value", m.value());
        }
        return node;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
