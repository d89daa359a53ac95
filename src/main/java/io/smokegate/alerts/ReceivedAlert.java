package io.smokegate.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One alert of an Alertmanager notification; {@code endsAt} is empty while it fires. */
public record ReceivedAlert(
        String fingerprint,
        String status,
        String alertname,
        Instant startsAt,
        Optional<Instant> endsAt,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public ReceivedAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
