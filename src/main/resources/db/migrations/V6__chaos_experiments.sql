-- Chaos experiments, one row each: written when one starts (state running, so a replica that dies mid-experiment
-- leaves a row the next start-up finishes as an error) and completed with its verdict and report when it ends.
-- namespaces is a JSON array; report is the finished experiment as a JSON document, returned unchanged by the API.
-- owner is the replica id of the serve process that ran it.
CREATE TABLE chaos_experiments (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    scenario    VARCHAR(200) NOT NULL,
    namespaces  TEXT         NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    verdict     VARCHAR(16),
    started_by  VARCHAR(200) NOT NULL,
    trigger_by  VARCHAR(32)  NOT NULL,
    owner       VARCHAR(64)  NOT NULL,
    started_at  BIGINT       NOT NULL,
    finished_at BIGINT,
    report      TEXT
);

CREATE INDEX chaos_experiments_by_time ON chaos_experiments (started_at, id);
CREATE INDEX chaos_experiments_by_state ON chaos_experiments (state, owner);
