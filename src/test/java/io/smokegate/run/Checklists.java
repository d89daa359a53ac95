package io.smokegate.run;

import io.smokegate.check.Check;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.Redactor;
import io.smokegate.input.Position;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Checklists built directly from records, with small lambda checks, for driving the real {@link Runner}. */
final class Checklists {

    static final String TYPE = "test.lambda";

    private Checklists() {
    }

    static CheckSpec spec(String id, Check check) {
        return spec(id, Duration.ofSeconds(5), 0, List.of(), check);
    }

    static CheckSpec spec(String id, Duration timeout, int retries, List<String> needs, Check check) {
        return new CheckSpec(id, TYPE, "", timeout, retries, 1.0, needs, check, Position.of("test.yaml"));
    }

    static CheckSpec needing(String id, List<String> needs, Check check) {
        return spec(id, Duration.ofSeconds(5), 0, needs, check);
    }

    static Checklist checklist(int concurrency, List<CheckSpec> checks) {
        return checklist(concurrency, Redactor.none(), checks);
    }

    static Checklist checklist(int concurrency, Redactor redactor, List<CheckSpec> checks) {
        return new Checklist("runner-test", "", Map.of("env", "test"), concurrency, checks, null, null, redactor, "test.yaml", List.of());
    }
}
