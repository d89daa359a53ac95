-- Analyses over a window, one row each: written running when one starts, so a replica that dies mid-analysis leaves
-- a row the next start-up finishes as an error; finished (phase and message set) exactly once. owner is the replica id
-- of the serve process that runs it; abort_requested_by is set by a DELETE on any replica, and the owner's loop,
-- which reads it every second, ends the analysis. fail_on_warning is 0 or 1 (one type on SQLite and PostgreSQL).
CREATE TABLE analyses (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    checklist          VARCHAR(200) NOT NULL,
    window_ms          BIGINT       NOT NULL,
    interval_ms        BIGINT       NOT NULL,
    failure_limit      INTEGER      NOT NULL,
    inconclusive_limit INTEGER      NOT NULL,
    fail_on_warning    INTEGER      NOT NULL,
    phase              VARCHAR(16)  NOT NULL,
    message            TEXT         NOT NULL,
    started_by         VARCHAR(200) NOT NULL,
    owner              VARCHAR(64)  NOT NULL,
    abort_requested_by VARCHAR(200),
    started_at         BIGINT       NOT NULL,
    finished_at        BIGINT
);

CREATE INDEX analyses_by_time ON analyses (started_at, id);
CREATE INDEX analyses_by_checklist ON analyses (checklist, started_at);
CREATE INDEX analyses_by_phase ON analyses (phase, owner);

-- One gate verdict of an analysis each: the idx-th (from 1) run of its checklist, judged over the interval before
-- measured_at. result is the verdict's label (pass, warning, fail, error); score is null for an error verdict.
CREATE TABLE analysis_measurements (
    analysis_id VARCHAR(36)  NOT NULL REFERENCES analyses (id),
    idx         INTEGER      NOT NULL,
    measured_at BIGINT       NOT NULL,
    run_id      VARCHAR(36),
    verdict_id  VARCHAR(36),
    result      VARCHAR(16)  NOT NULL,
    score       DOUBLE PRECISION,
    message     TEXT         NOT NULL,
    PRIMARY KEY (analysis_id, idx)
);
