-- Runs are promised when they are accepted (the API answers 202 with their URL), so they are written down
-- then, not only when they end: accepted_runs holds every run that is queued or running, with the replica
-- that owns it. A replica that dies leaves its rows behind; another start-up (or a live replica, once the
-- owner's heartbeat is stale) turns them into aborted runs. started_at is null while a run is queued. checks holds the checklist's checks as JSON
-- ([{"id","type","weight"}]) so the aborted run can list them as skipped.
CREATE TABLE replicas (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    host          VARCHAR(255) NOT NULL,
    pid           BIGINT       NOT NULL,
    process_start BIGINT       NOT NULL,
    started_at    BIGINT       NOT NULL,
    heartbeat_at  BIGINT       NOT NULL
);

CREATE TABLE accepted_runs (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    checklist    VARCHAR(63)  NOT NULL,
    labels       TEXT         NOT NULL,
    run_trigger  VARCHAR(16)  NOT NULL,
    requested_by VARCHAR(63)  NOT NULL,
    owner        VARCHAR(36)  NOT NULL,
    accepted_at  BIGINT       NOT NULL,
    started_at   BIGINT,
    checks       TEXT         NOT NULL
);

CREATE INDEX accepted_runs_by_owner ON accepted_runs (owner);

-- Who asked for what through the API: one row per run started or cancelled, gate evaluated, schedule changed
-- (and, later, chaos experiment), with the name of the token that asked.
CREATE TABLE audit_events (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    at          BIGINT       NOT NULL,
    actor       VARCHAR(63)  NOT NULL,
    action      VARCHAR(63)  NOT NULL,
    target      VARCHAR(255) NOT NULL,
    detail      TEXT         NOT NULL
);

CREATE INDEX audit_events_by_time ON audit_events (at, id);
