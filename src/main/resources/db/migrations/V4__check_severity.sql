-- Severity became a field of a check result; until now a security failure was only a marker in its details.
ALTER TABLE check_results ADD COLUMN severity VARCHAR(16) NOT NULL DEFAULT 'normal';
UPDATE check_results SET severity = 'security' WHERE status = 'failed' AND details LIKE '%"severity":"security"%';
