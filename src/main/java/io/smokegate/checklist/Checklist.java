package io.smokegate.checklist;

import io.smokegate.schedule.Schedule;
import io.smokegate.slo.SloSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated checklist: what to check, how hard to try, when to run by itself, and the SLO a release
 * gate judges its runs by ({@code slo}, null when it declares none).
 * {@code source} names where it came from (a file path), for messages; {@code includes} are the other
 * files its content was read from (an SLO file), so a catalog notices when they change.
 */
public record Checklist(
        String name,
        String description,
        Map<String, String> labels,
        int concurrency,
        List<CheckSpec> checks,
        Schedule schedule,
        SloSpec slo,
        Redactor redactor,
        String source,
        List<Path> includes) {

    public Checklist {
        labels = Map.copyOf(labels);
        checks = List.copyOf(checks);
        includes = List.copyOf(includes);
    }

    public Optional<Schedule> optionalSchedule() {
        return Optional.ofNullable(schedule);
    }

    public Optional<SloSpec> optionalSlo() {
        return Optional.ofNullable(slo);
    }

    public Optional<CheckSpec> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
