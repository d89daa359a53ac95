package io.smokegate.checklist;

import io.smokegate.schedule.Schedule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated checklist: what to check, how hard to try, and when to run by itself.
 * {@code source} names where it came from (a file path), for messages.
 */
public record Checklist(
        String name,
        String description,
        Map<String, String> labels,
        int concurrency,
        List<CheckSpec> checks,
        Schedule schedule,
        Redactor redactor,
        String source) {

    public Checklist {
        labels = Map.copyOf(labels);
        checks = List.copyOf(checks);
    }

    public Optional<Schedule> optionalSchedule() {
        return Optional.ofNullable(schedule);
    }

    public Optional<CheckSpec> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
