package io.smokegate.service;

import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.store.Database;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Whether this replica can serve: its database answers and its checklist directory can be read. Blocks. */
public final class ReadinessService {

    private final Database database;
    private final ChecklistCatalog catalog;
    private final BooleanSupplier leader;

    public ReadinessService(Database database, ChecklistCatalog catalog) {
        this(database, catalog, () -> true);
    }

    /** @param leader whether this replica runs the scheduled work now (shown by /readyz; followers are ready too) */
    public ReadinessService(Database database, ChecklistCatalog catalog, BooleanSupplier leader) {
        this.database = database;
        this.catalog = catalog;
        this.leader = leader;
    }

    /** Whether this replica is the leader: a follower serves the API all the same, so it is no readiness condition. */
    public boolean leader() {
        return leader.getAsBoolean();
    }

    /** Why the service is not ready: the part that fails ("database", "checklists") and the details. */
    public record NotReady(String part, String detail) {
    }

    /** Ready when the database answers and the checklist directory can be read. */
    public Optional<NotReady> notReadyBecause() {
        try {
            database.read(c -> {
                if (!c.isValid(2)) {
                    // A session the server ended: as a connection error (08003) the pool drops it instead of
                    // lending it to the next readiness check, and the service is not ready until it reconnects.
                    throw new SQLException("the database connection is no longer valid", "08003");
                }
                return null;
            });
        } catch (StoreException e) {
            return Optional.of(new NotReady("database", e.getMessage()));
        }
        try {
            catalog.entries();
        } catch (IOException e) {
            return Optional.of(new NotReady("checklists", e.getMessage()));
        }
        return Optional.empty();
    }
}
