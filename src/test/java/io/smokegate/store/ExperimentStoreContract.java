package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.run.RunIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link ExperimentStore} promises, on SQLite and PostgreSQL alike. */
abstract class ExperimentStoreContract {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    Database db;
    ExperimentStore store;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        store = new ExperimentStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String started(int minutes) throws StoreException {
        String id = RunIds.next();
        store.start(id, "etcd-latency", List.of("monitoring", "etcd"), "ci-token", "api", "replica-1",
                T0.plusSeconds(60L * minutes));
        return id;
    }

    @Test
    void aStartedExperimentIsRecordedAsRunningWithoutAVerdict() throws StoreException {
        String id = started(0);
        ExperimentStore.Experiment e = store.find(id).orElseThrow();
        assertEquals(new ExperimentStore.Experiment(id, "etcd-latency", List.of("monitoring", "etcd"), "running", null,
                "ci-token", "api", "replica-1", T0, null, null), e);
        assertEquals(List.of(e), store.running());
    }

    @Test
    void finishingStoresTheVerdictAndTheReportUnchanged() throws StoreException {
        String id = started(0);
        String report = "{\"id\":\"" + id + "\",\"verdict\":\"pass\",\"phases\":[]}";
        assertTrue(store.finish(id, "pass", T0.plusSeconds(90), report));
        ExperimentStore.Experiment e = store.find(id).orElseThrow();
        assertEquals("finished", e.state());
        assertEquals("pass", e.verdict());
        assertEquals(T0.plusSeconds(90), e.finishedAt());
        assertEquals(report, e.report());
        assertEquals(List.of(), store.running());
    }

    @Test
    void anExperimentOfADeadReplicaIsAbortedWithVerdictErrorAndNeverFinishedAfter() throws StoreException {
        String id = started(0);
        assertTrue(store.abort(id, T0.plusSeconds(120), "{\"state\":\"aborted\"}"));
        ExperimentStore.Experiment e = store.find(id).orElseThrow();
        assertEquals(List.of("aborted", "error"), List.of(e.state(), e.verdict()));
        assertEquals(List.of(), store.running());
        assertFalse(store.finish(id, "pass", T0.plusSeconds(130), "{\"verdict\":\"pass\"}"));
        assertFalse(store.abort(id, T0.plusSeconds(140), "{}"));
    }

    @Test
    void aFinishedExperimentIsNeverFinishedAgain() throws StoreException {
        String id = started(0);
        assertTrue(store.finish(id, "error", T0.plusSeconds(5), "{\"verdict\":\"error\"}"));
        assertFalse(store.finish(id, "pass", T0.plusSeconds(90), "{\"verdict\":\"pass\"}"));
        assertEquals("{\"verdict\":\"error\"}", store.find(id).orElseThrow().report());
    }

    @Test
    void anUnknownExperimentIsNotFound() throws StoreException {
        assertEquals(Optional.empty(), store.find(RunIds.next()));
        assertFalse(store.finish(RunIds.next(), "pass", T0, "{}"));
    }

    @Test
    void theListIsNewestFirstInPagesFollowedByTheirCursor() throws StoreException {
        String first = started(0);
        String second = started(1);
        String third = started(2);
        ExperimentStore.Page page1 = store.list(2, null);
        assertEquals(List.of(third, second), page1.experiments().stream().map(ExperimentStore.Experiment::id).toList());
        ExperimentStore.Page page2 = store.list(2, page1.next());
        assertEquals(List.of(first), page2.experiments().stream().map(ExperimentStore.Experiment::id).toList());
        assertNull(page2.next());
    }

    @Test
    void aCursorThisStoreDidNotIssueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.list(10, "not a cursor!"));
        assertEquals("cursor is not one this server issued", e.getMessage());
    }
}
