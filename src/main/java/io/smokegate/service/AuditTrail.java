package io.smokegate.service;

import io.smokegate.run.RunIds;
import io.smokegate.store.AuditEvent;
import io.smokegate.store.AuditStore;
import io.smokegate.store.StoreException;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes down who asked for each change made through the API. Called after the change took effect; when the
 * database cannot take the event, the event goes to the log instead, so the trail has no silent gaps.
 */
public final class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final AuditStore store;
    private final Clock clock;

    public AuditTrail(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, Map<String, Object> detail) {
        AuditEvent event = new AuditEvent(RunIds.next(), clock.instant(), actor, action, target, detail);
        try {
            store.record(event);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "audit event could not be stored; it follows here", new Object[] {"actor=" + actor,
                "action=" + action, "target=" + target, "detail=" + detail, "error=" + e.getMessage()});
        }
    }

    public AuditStore.Page list(String actor, String target, int limit, String cursor) throws StoreException {
        return store.list(actor, target, limit, cursor);
    }
}
