-- Runs and their check results. Written for both SQLite and PostgreSQL: times are epoch milliseconds,
-- JSON documents are TEXT.
CREATE TABLE runs (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    checklist    VARCHAR(63)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    run_trigger  VARCHAR(16)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    duration_ms  BIGINT       NOT NULL,
    labels       TEXT         NOT NULL,
    passed       INTEGER      NOT NULL,
    failed       INTEGER      NOT NULL,
    errors       INTEGER      NOT NULL,
    skipped      INTEGER      NOT NULL
);

CREATE INDEX runs_by_time ON runs (started_at, id);
CREATE INDEX runs_by_checklist_time ON runs (checklist, started_at);

CREATE TABLE check_results (
    run_id       VARCHAR(36)  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position     INTEGER      NOT NULL,
    check_id     VARCHAR(63)  NOT NULL,
    check_type   VARCHAR(63)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    duration_ms  BIGINT       NOT NULL,
    attempts     INTEGER      NOT NULL,
    weight       DOUBLE PRECISION NOT NULL,
    message      TEXT         NOT NULL,
    details      TEXT         NOT NULL,
    measurements TEXT         NOT NULL,
    PRIMARY KEY (run_id, position)
);

CREATE TABLE schedule_overrides (
    checklist    VARCHAR(63)  NOT NULL PRIMARY KEY,
    spec         TEXT         NOT NULL,
    updated_at   BIGINT       NOT NULL
);
