package io.smokegate.store;

import static io.smokegate.testing.SampleRuns.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smokegate.run.RunIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link AuditStore} promises on SQLite ({@link SqliteAuditStoreTest}) and PostgreSQL ({@link PostgresAuditStoreTest}). */
abstract class AuditStoreContract {

    Database db;
    AuditStore audit;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        audit = new AuditStore(db);
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    static AuditEvent event(int second, String actor, String action, String target) {
        return new AuditEvent(RunIds.next(), T0.plusSeconds(second), actor, action, target, Map.of("checklist", "athens-prod"));
    }

    @Test
    void eventsAreListedNewestFirstWithEveryField() throws Exception {
        AuditEvent first = event(1, "ci", "run.start", "r1");
        AuditEvent second = new AuditEvent(RunIds.next(), T0.plusSeconds(2), "ops", "schedule.set", "athens-prod",
                Map.of("every", "5m"));
        audit.record(first);
        audit.record(second);

        AuditStore.Page page = audit.list(null, null, 10, null);

        assertEquals(List.of(second, first), page.events());
        assertNull(page.next());
    }

    @Test
    void eventsCanBeListedByActorOrByTarget() throws Exception {
        AuditEvent ci = event(1, "ci", "run.start", "r1");
        AuditEvent ops = event(2, "ops", "run.cancel", "r1");
        AuditEvent other = event(3, "ci", "run.start", "r2");
        for (AuditEvent e : List.of(ci, ops, other)) {
            audit.record(e);
        }

        assertEquals(List.of(other, ci), audit.list("ci", null, 10, null).events());
        assertEquals(List.of(ops, ci), audit.list(null, "r1", 10, null).events());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        List<AuditEvent> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEvent e = event(i / 2, "ci", "run.start", "r" + i);
            audit.record(e);
            all.add(e);
        }

        List<AuditEvent> seen = new ArrayList<>();
        String cursor = null;
        do {
            AuditStore.Page page = audit.list(null, null, 3, cursor);
            seen.addAll(page.events());
            cursor = page.next();
        } while (cursor != null);

        assertEquals(all.stream().sorted((a, b) -> a.at().equals(b.at()) ? b.id().compareTo(a.id()) : b.at().compareTo(a.at()))
                .toList(), seen);
    }
}
