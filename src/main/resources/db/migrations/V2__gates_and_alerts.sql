-- Gate verdicts and the Alertmanager notifications smokegate receives. objective_values holds each
-- objective's value ({"name": number}) so later gates can compare without parsing whole documents.
CREATE TABLE verdicts (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    checklist        VARCHAR(63)  NOT NULL,
    run_id           VARCHAR(36)  NOT NULL,
    result           VARCHAR(16)  NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    evaluated_at     BIGINT       NOT NULL,
    objective_values TEXT         NOT NULL,
    document         TEXT         NOT NULL
);

CREATE INDEX verdicts_by_checklist_time ON verdicts (checklist, evaluated_at);

CREATE TABLE alert_notifications (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    received_at  BIGINT       NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    receiver     VARCHAR(255) NOT NULL,
    group_key    TEXT         NOT NULL,
    payload      TEXT         NOT NULL
);

CREATE INDEX alert_notifications_by_time ON alert_notifications (received_at, id);

CREATE TABLE alerts (
    notification_id VARCHAR(36)  NOT NULL REFERENCES alert_notifications (id) ON DELETE CASCADE,
    position        INTEGER      NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    alertname       VARCHAR(255) NOT NULL,
    starts_at       BIGINT       NOT NULL,
    ends_at         BIGINT,
    labels          TEXT         NOT NULL,
    annotations     TEXT         NOT NULL,
    PRIMARY KEY (notification_id, position)
);

CREATE INDEX alerts_by_fingerprint ON alerts (fingerprint, starts_at);
