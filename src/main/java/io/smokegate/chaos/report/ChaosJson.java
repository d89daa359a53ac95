package io.smokegate.chaos.report;

import io.smokegate.report.JsonReport;
import io.smokegate.report.VerdictJson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.InjectedResource;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.ObjectiveResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A chaos experiment as JSON, the contract of {@code chaos run --format json} and the API:
 * {@code {"id","state","scenario","checklist","namespaces","startedBy","trigger","owner","startedAt","finishedAt","durationMs",
 * "verdict","message","preflight":[{"check","passed","message"}],"phases":[{"phase","startedAt","endedAt","met","message",
 * "runs":[{"runId","startedAt","durationMs","successRatio","evaluation":{"result","score","objectives":[{"name","value",
 * "status","message"}]}}]}],"resources":[{"kind","namespace","name","duration","createdAt","removedAt","removal","message"}],
 * "recoverySeconds","resilienceScore","manualSteps"}}. Absent times and numbers are null; {@code removal} is
 * not_created, removed, forced or stuck; {@code state} is always {@code finished} (a report is written at the end),
 * as the API says {@code running} of an experiment under way.
 */
public final class ChaosJson {

    private ChaosJson() {
    }

    public static void write(ExperimentReport report, OutputStream out) throws IOException {
        JsonReport.MAPPER.writeValue(out, of(report));
        out.write('\n');
    }

    /** The report as a value Jackson writes field by field; nests in maps (API answers) too. */
    public static JsonSerializable of(ExperimentReport report) {
        return new JsonReport.View(g -> report(g, report));
    }

    /** Preflight answers in the report's form, for {@code chaos run --dry-run --format json}. */
    public static JsonSerializable preflight(List<PreflightResult> results) {
        return new JsonReport.View(g -> preflightList(g, results));
    }

    private static void report(JsonGenerator g, ExperimentReport r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("state", "finished");
        g.writeStringField("scenario", r.scenario());
        g.writeStringField("checklist", r.checklist());
        g.writeObjectField("namespaces", r.namespaces());
        g.writeStringField("startedBy", r.startedBy());
        g.writeStringField("trigger", r.trigger());
        g.writeStringField("owner", r.owner() == null ? null : r.owner().text());
        time(g, "startedAt", r.startedAt());
        time(g, "finishedAt", r.finishedAt());
        g.writeNumberField("durationMs", r.duration().toMillis());
        g.writeStringField("verdict", r.verdict().label());
        g.writeStringField("message", r.message());
        g.writeFieldName("preflight");
        preflightList(g, r.preflight());
        g.writeArrayFieldStart("phases");
        for (PhaseResult p : r.phases()) {
            phase(g, p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("resources");
        for (InjectedResource x : r.resources()) {
            g.writeStartObject();
            g.writeStringField("kind", x.kind());
            g.writeStringField("namespace", x.namespace());
            g.writeStringField("name", x.name());
            g.writeStringField("duration", x.duration());
            time(g, "createdAt", x.createdAt());
            time(g, "removedAt", x.removedAt());
            g.writeStringField("removal", x.removal().name().toLowerCase(Locale.ROOT));
            g.writeStringField("message", x.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.recoveryTime().isPresent()) {
            g.writeNumberField("recoverySeconds", r.recoveryTime().get().toMillis() / 1000.0);
        } else {
            g.writeNullField("recoverySeconds");
        }
        score(g, "resilienceScore", r.resilienceScore());
        g.writeObjectField("manualSteps", r.manualSteps());
        g.writeEndObject();
    }

    private static void preflightList(JsonGenerator g, List<PreflightResult> results) throws IOException {
        g.writeStartArray();
        for (PreflightResult p : results) {
            g.writeStartObject();
            g.writeStringField("check", p.check());
            g.writeBooleanField("passed", p.passed());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void phase(JsonGenerator g, PhaseResult p) throws IOException {
        g.writeStartObject();
        g.writeStringField("phase", p.phase().label());
        time(g, "startedAt", p.startedAt());
        time(g, "endedAt", p.endedAt());
        g.writeBooleanField("met", p.met());
        g.writeStringField("message", p.message());
        g.writeArrayFieldStart("runs");
        for (PhaseRun run : p.runs()) {
            g.writeStartObject();
            g.writeStringField("runId", run.runId());
            time(g, "startedAt", run.startedAt());
            g.writeNumberField("durationMs", run.duration().toMillis());
            g.writeNumberField("successRatio", run.successRatio());
            if (run.evaluation().isPresent()) {
                evaluation(g, run.evaluation().get());
            } else {
                g.writeNullField("evaluation");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void evaluation(JsonGenerator g, Evaluation e) throws IOException {
        g.writeObjectFieldStart("evaluation");
        g.writeStringField("result", e.result().label());
        score(g, "score", e.judgedScore());
        g.writeArrayFieldStart("objectives");
        for (ObjectiveResult o : e.objectives()) {
            g.writeStartObject();
            g.writeStringField("name", o.objective().name());
            VerdictJson.number(g, "value", o.value());
            g.writeStringField("status", o.status().label());
            g.writeStringField("message", o.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void score(JsonGenerator g, String field, OptionalDouble score) throws IOException {
        if (score.isPresent()) {
            g.writeNumberField(field, VerdictJson.round(score.getAsDouble()));
        } else {
            g.writeNullField(field);
        }
    }

    private static void time(JsonGenerator g, String field, Instant at) throws IOException {
        g.writeStringField(field, at == null ? null : at.toString());
    }
}
