package io.smokegate.chaos;

import io.smokegate.checklist.Checklist;
import io.smokegate.schedule.Schedule;
import io.smokegate.slo.SloSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A chaos experiment as written in a {@code kind: ChaosScenario} file: the checklist that measures the service,
 * the Chaos Mesh resources that inject the faults, and what must hold before, during and after them.
 * {@code schedule} (may be null) runs it in {@code serve}: game days.
 */
public record ChaosScenario(
        String name,
        String description,
        Path file,
        Checklist checklist,
        List<String> namespaces,
        List<Fault> faults,
        SteadyState steadyState,
        During during,
        Recovery recovery,
        Duration maxDuration,
        AbortRule abortRule,
        Schedule schedule) {

    public ChaosScenario {
        namespaces = List.copyOf(namespaces);
        faults = List.copyOf(faults);
    }

    public Optional<Schedule> optionalSchedule() {
        return Optional.ofNullable(schedule);
    }

    /** Before any fault: the checklist must meet {@code slo}, or nothing is injected. */
    public record SteadyState(SloSpec slo) {
    }

    /** While the faults are in place: {@code runs} runs of the checklist, {@code interval} apart. */
    public record During(int runs, Duration interval, SloSpec slo) {
    }

    /** After removal: the checklist must meet {@code slo} again within {@code window}, tried every {@code interval}. */
    public record Recovery(Duration window, Duration interval, SloSpec slo) {
    }

    /**
     * {@code spec.abortRule}: remove the fault early once a key objective of {@code during} has failed in
     * {@code keyObjectiveFailures} runs in a row (0: never abort).
     */
    public record AbortRule(int keyObjectiveFailures) {
        public static final AbortRule DEFAULT = new AbortRule(1);
    }
}
