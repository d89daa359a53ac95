package io.smokegate.alerts;

import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.run.RunIds;
import io.smokegate.store.AlertStore;
import io.smokegate.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Alertmanager's webhook: every notification stored as received, and counted. Blocking (JDBC). */
public final class AlertReceiver {

    private final AlertStore store;
    private final SmokegateMetrics metrics;
    private final Clock clock;
    private final Consumer<AlertmanagerPayload> onStored;

    public AlertReceiver(AlertStore store, SmokegateMetrics metrics, Clock clock) {
        this(store, metrics, clock, payload -> { });
    }

    /** @param onStored told of each notification once it is stored; must not block (attribution starts from here) */
    public AlertReceiver(AlertStore store, SmokegateMetrics metrics, Clock clock, Consumer<AlertmanagerPayload> onStored) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.onStored = onStored;
    }

    /** Stores a parsed notification with its raw body; returns the notification's id. */
    public String receive(AlertmanagerPayload payload, String body) throws StoreException {
        String id = RunIds.next();
        store.save(id, clock.instant(), payload, body);
        Map<String, Long> byStatus = payload.alerts().stream()
                .collect(Collectors.groupingBy(ReceivedAlert::status, Collectors.counting()));
        byStatus.forEach((status, count) -> metrics.alertsReceived(status, count.intValue()));
        onStored.accept(payload);
        return id;
    }

    public List<AlertStore.Received> recent(int limit) throws StoreException {
        return store.list(limit);
    }

    public Optional<String> payload(String id) throws StoreException {
        return store.payload(id);
    }
}
