package io.smokegate.alerts;

import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.RunIds;
import io.smokegate.store.AlertStore;
import io.smokegate.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Alertmanager's webhook: every notification stored as received, and counted. Blocking (JDBC). */
public final class AlertReceiver {

    private final AlertStore store;
    private final SmokegateMetrics metrics;
    private final Clock clock;

    public AlertReceiver(AlertStore store, SmokegateMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Stores a parsed notification with its raw body; returns the notification's id. */
    public String receive(AlertmanagerPayload payload, String body) throws StoreException {
        String id = RunIds.next();
        store.save(id, clock.instant(), payload, body);
        Map<String, Long> byStatus = payload.alerts().stream()
                .collect(Collectors.groupingBy(ReceivedAlert::status, Collectors.counting()));
        byStatus.forEach((status, count) -> metrics.alertsReceived(status, count.intValue()));
        return id;
    }

    public List<AlertStore.Received> recent(int limit) throws StoreException {
        return store.list(limit);
    }

    public Optional<String> payload(String id) throws StoreException {
        return store.payload(id);
    }
}
