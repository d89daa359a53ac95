-- Tech-debt scans, one row each, for trends: the figures as JSON ({"name": number}) so figures over time need no
-- parsing of whole documents, and the scan as `smokegate techdebt --format json` writes it (the API answers it
-- unchanged). partial is 1 when a source skipped something.
CREATE TABLE techdebt_scans (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    scanned_at     BIGINT       NOT NULL,
    target_version VARCHAR(32)  NOT NULL,
    figures        TEXT         NOT NULL,
    document       TEXT         NOT NULL,
    partial        INTEGER      NOT NULL
);

CREATE INDEX techdebt_scans_by_time ON techdebt_scans (scanned_at, id);
