package io.smokegate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.report.ChaosJson;
import io.smokegate.store.ExperimentStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored JSON document of a finished experiment, as the API returns it: the report's JSON, or for an experiment
 * whose replica died before it finished, what is known of it.
 */
final class ExperimentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentJson() {
    }

    /** The report as the API returns it: {@link ChaosJson}, the same document {@code chaos run --format json} writes. */
    static String of(ExperimentReport r) {
        return write(ChaosJson.of(r));
    }

    /** A stored experiment whose replica died before it finished: what is known of it, and why it ended. */
    static String abandoned(ExperimentStore.Experiment e, String message) {
        return write(fields("id", e.id(), "scenario", e.scenario(), "namespaces", e.namespaces(),
                "state", ExperimentStore.ABORTED, "verdict", "error", "message", message, "startedBy", e.startedBy(),
                "trigger", e.trigger(), "owner", e.owner(), "startedAt", e.startedAt().toString()));
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
