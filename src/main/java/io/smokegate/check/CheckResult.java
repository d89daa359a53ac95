package io.smokegate.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of one check in one run: everything reports, metrics and the store need. */
public record CheckResult(
        String id,
        String type,
        CheckStatus status,
        Instant startedAt,
        Duration duration,
        String message,
        Map<String, Object> details,
        List<Measurement> measurements,
        int attempts,
        double weight) {

    public CheckResult {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        measurements = List.copyOf(measurements);
        message = message == null ? "" : message;
    }

    public boolean passed() {
        return status == CheckStatus.PASSED;
    }
}
