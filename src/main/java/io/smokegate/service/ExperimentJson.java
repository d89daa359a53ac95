package io.smokegate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.slo.Evaluation;
import io.smokegate.store.ExperimentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored JSON document of a finished experiment, as the API returns it. A small mapper of its own until the
 * report package renders experiments; the column holds plain JSON text, so that renderer can take over unchanged.
 */
final class ExperimentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentJson() {
    }

    static String of(ExperimentReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("scenario", r.scenario());
        out.put("checklist", r.checklist());
        out.put("namespaces", r.namespaces());
        out.put("state", ExperimentStore.FINISHED);
        out.put("verdict", r.verdict().label());
        out.put("message", r.message());
        out.put("startedBy", r.startedBy());
        out.put("trigger", r.trigger());
        out.put("owner", r.owner().text());
        out.put("startedAt", r.startedAt().toString());
        out.put("finishedAt", r.finishedAt().toString());
        out.put("durationSeconds", seconds(r.duration()));
        out.put("recoverySeconds", r.recoveryTime().map(ExperimentJson::seconds).orElse(null));
        out.put("resilienceScore", r.resilienceScore().isPresent() ? r.resilienceScore().getAsDouble() : null);
        out.put("preflight", r.preflight().stream().map(p -> fields("check", p.check(), "passed", p.passed(),
                "message", p.message())).toList());
        out.put("phases", r.phases().stream().map(p -> fields("phase", p.phase().label(), "startedAt", text(p.startedAt()),
                "endedAt", text(p.endedAt()), "met", p.met(), "message", p.message(),
                "runs", p.runs().stream().map(ExperimentJson::run).toList())).toList());
        out.put("resources", r.resources().stream().map(c -> fields("kind", c.kind(), "namespace", c.namespace(),
                "name", c.name(), "duration", c.duration(), "createdAt", text(c.createdAt()), "removedAt", text(c.removedAt()),
                "removal", c.removal().name().toLowerCase(java.util.Locale.ROOT), "message", c.message())).toList());
        out.put("manualSteps", r.manualSteps());
        return write(out);
    }

    /** A stored experiment whose replica died before it finished: what is known of it, and why it ended. */
    static String abandoned(ExperimentStore.Experiment e, String message) {
        return write(fields("id", e.id(), "scenario", e.scenario(), "namespaces", e.namespaces(),
                "state", ExperimentStore.FINISHED, "verdict", "error", "message", message, "startedBy", e.startedBy(),
                "trigger", e.trigger(), "owner", e.owner(), "startedAt", e.startedAt().toString()));
    }

    private static Map<String, Object> run(ExperimentReport.PhaseRun run) {
        Map<String, Object> out = fields("runId", run.runId(), "startedAt", text(run.startedAt()),
                "durationSeconds", seconds(run.duration()), "successRatio", run.successRatio());
        run.evaluation().ifPresent(e -> out.put("evaluation", evaluation(e)));
        return out;
    }

    private static Map<String, Object> evaluation(Evaluation e) {
        return fields("result", e.result().label(), "score", e.judgedScore().isPresent() ? e.score() : null,
                "message", e.message());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an experiment report: " + e.getOriginalMessage(), e);
        }
    }

}
