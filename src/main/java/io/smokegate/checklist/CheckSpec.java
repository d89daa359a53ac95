package io.smokegate.checklist;

import io.smokegate.check.Check;
import io.smokegate.input.Position;
import java.time.Duration;
import java.util.List;

/** One entry of a checklist, validated and with its check prepared. */
public record CheckSpec(
        String id,
        String type,
        String description,
        Duration timeout,
        int retries,
        double weight,
        List<String> needs,
        Check check,
        Position position) {

    public CheckSpec {
        needs = List.copyOf(needs);
    }
}
