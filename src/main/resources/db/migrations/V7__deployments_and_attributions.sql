-- Deploy markers (posted by CI, later read from Kubernetes too): which commit reached which environment when.
-- commit_id is null for a deploy that names no Git revision; version is what was deployed besides or instead of a
-- commit (images, a chart version); source says where the marker came from (null: posted by CI).
CREATE TABLE deploy_markers (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    service     VARCHAR(200) NOT NULL,
    environment VARCHAR(200) NOT NULL,
    repository  VARCHAR(1000) NOT NULL,
    commit_id   VARCHAR(64),
    deployed_at BIGINT       NOT NULL,
    recorded_at BIGINT       NOT NULL,
    version     VARCHAR(1000),
    source      VARCHAR(64)
);

CREATE INDEX deploy_markers_by_service ON deploy_markers (service, environment, deployed_at);
CREATE INDEX deploy_markers_by_time ON deploy_markers (deployed_at, id);

-- One attribution per alert occurrence: the unique (fingerprint, starts_at) makes concurrent webhooks for one
-- alert store one row (insert-or-ignore), whichever replica computed it. document is the ranking as JSON,
-- returned unchanged by the API; resolved_at and recovery_seconds are filled when the alert resolves.
CREATE TABLE attributions (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    fingerprint      VARCHAR(64)  NOT NULL,
    starts_at        BIGINT       NOT NULL,
    alertname        VARCHAR(200) NOT NULL,
    service          VARCHAR(200),
    confidence       VARCHAR(16)  NOT NULL,
    attributed_at    BIGINT       NOT NULL,
    resolved_at      BIGINT,
    recovery_seconds BIGINT,
    document         TEXT         NOT NULL,
    CONSTRAINT attributions_once UNIQUE (fingerprint, starts_at)
);

CREATE INDEX attributions_by_time ON attributions (starts_at, id);
CREATE INDEX attributions_by_alertname ON attributions (alertname, starts_at);
CREATE INDEX attributions_by_service ON attributions (service, starts_at);
